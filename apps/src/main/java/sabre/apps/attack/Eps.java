package sabre.apps.attack;

import java.util.ArrayList;
import java.util.List;

/**
 * An attack radius as the user wrote it: a fraction {@code a/b} or a decimal, with its value.
 *
 * <pre>{@code List<Eps> radii = Eps.parseList("4/255,8/255"); double v = radii.get(1).value();}</pre>
 *
 * @param text the written form, for table headings
 */
public record Eps(double value, String text) {

    /** Parses one radius: {@code 8/255}, {@code 0.03} or {@code 1e-2}; it must be finite and positive. */
    public static Eps parse(String text) {
        String s = text.trim();
        double v;
        try {
            int slash = s.indexOf('/');
            v = slash < 0 ? Double.parseDouble(s)
                    : Double.parseDouble(s.substring(0, slash)) / Double.parseDouble(s.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--eps: '" + text + "' is not a number or fraction a/b (e.g. 8/255)");
        }
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException("--eps: '" + text + "' must be positive and finite");
        }
        return new Eps(v, s);
    }

    /** A radius from its value, written as {@code k/255} when it is a whole multiple of 1/255, else as a decimal. */
    public static Eps of(double value) {
        double k = value * 255;
        boolean grid = Math.abs(k - Math.rint(k)) < 1e-9 && value < 1;
        return new Eps(value, grid ? Math.round(k) + "/255" : String.format(java.util.Locale.ROOT, "%.4g", value));
    }

    /** Parses a comma-separated list of radii, in the given order. */
    public static List<Eps> parseList(String text) {
        List<Eps> out = new ArrayList<>();
        for (String part : text.split(",")) {
            out.add(parse(part));
        }
        return List.copyOf(out);
    }

    /** The values as an array. */
    public static double[] values(List<Eps> radii) {
        return radii.stream().mapToDouble(Eps::value).toArray();
    }

    @Override
    public String toString() {
        return text;
    }
}
