package sabre.apps.attack;

import java.util.Locale;

/**
 * How the tables print numbers: rates as percentages with one decimal, L0 with one decimal, L1/L2 with three,
 * L∞ with four (8/255 = 0.0314); NaN (a rate or mean with nothing to count: no correctly classified image, none
 * fooled) as {@code n/a}.
 *
 * <pre>{@code String asr = Cells.percent(0.953); // "95.3%"}</pre>
 */
public final class Cells {
    private Cells() {
    }

    public static String percent(double rate) {
        return format("%.1f%%", 100 * rate);
    }

    public static String l0(double v) {
        return format("%.1f", v);
    }

    public static String norm(double v) {
        return format("%.3f", v);
    }

    public static String seconds(double v) {
        return String.format(Locale.ROOT, v < 10 ? "%.3f" : "%.1f", v);
    }

    public static String linf(double v) {
        return format("%.4f", v);
    }

    private static String format(String pattern, double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, pattern, v);
    }
}
