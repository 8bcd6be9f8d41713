package sabre.attacks.registry;

import java.util.List;
import java.util.Locale;

/**
 * One setting an attack declares in the registry: its name (the CLI flag without {@code --}), its kind, its default
 * and its help text. A null default means the attack derives it (e.g. the step size α = ε/4), which {@code help}
 * says.
 *
 * <pre>{@code AttackOption steps = AttackOption.integer("steps", "10", "Gradient steps.");}</pre>
 *
 * @param choices the allowed values of a {@link Kind#CHOICE} option, else empty
 */
public record AttackOption(String name, Kind kind, String defaultValue, String help, List<String> choices) {
    /** How the value is written and parsed. */
    public enum Kind {
        /** A whole number. */
        INT,
        /** A real number, decimal or a fraction {@code a/b}. */
        REAL,
        /** On/off: {@code --name}, {@code --no-name} or {@code --name=true|false}. */
        FLAG,
        /** One of {@link #choices()}. */
        CHOICE
    }

    public AttackOption {
        if (!name.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("attack option names are lower-case words with dashes, found '"
                    + name + "'");
        }
        choices = List.copyOf(choices);
    }

    /** A whole-number option. */
    public static AttackOption integer(String name, String defaultValue, String help) {
        return new AttackOption(name, Kind.INT, defaultValue, help, List.of());
    }

    /** A real-number option (decimal or {@code a/b}). */
    public static AttackOption real(String name, String defaultValue, String help) {
        return new AttackOption(name, Kind.REAL, defaultValue, help, List.of());
    }

    /** An on/off option. */
    public static AttackOption flag(String name, boolean defaultValue, String help) {
        return new AttackOption(name, Kind.FLAG, String.valueOf(defaultValue), help, List.of());
    }

    /** An option taking one of {@code choices} (case-insensitive). */
    public static AttackOption choice(String name, String defaultValue, String help, String... choices) {
        return new AttackOption(name, Kind.CHOICE, defaultValue, help, List.of(choices));
    }

    /** Checks one written value and returns it in canonical form (lower-case choice, {@code true/false}). */
    public String canonical(String value) {
        String v = value.trim();
        switch (kind) {
            case INT -> {
                try {
                    return String.valueOf(Integer.parseInt(v));
                } catch (NumberFormatException e) {
                    throw bad(value, "a whole number");
                }
            }
            case REAL -> {
                return String.valueOf(parseReal(v));
            }
            case FLAG -> {
                String b = v.toLowerCase(Locale.ROOT);
                if (!b.equals("true") && !b.equals("false")) {
                    throw bad(value, "true or false");
                }
                return b;
            }
            default -> {
                String c = v.toLowerCase(Locale.ROOT);
                if (!choices.contains(c)) {
                    throw bad(value, "one of " + String.join(", ", choices));
                }
                return c;
            }
        }
    }

    private double parseReal(String v) {
        try {
            int slash = v.indexOf('/');
            double x = slash < 0 ? Double.parseDouble(v)
                    : Double.parseDouble(v.substring(0, slash)) / Double.parseDouble(v.substring(slash + 1));
            if (!Double.isFinite(x)) {
                throw bad(v, "a finite number");
            }
            return x;
        } catch (NumberFormatException e) {
            throw bad(v, "a number such as 0.5 or 2/255");
        }
    }

    private IllegalArgumentException bad(String value, String expected) {
        return new IllegalArgumentException("--" + name + ": expected " + expected + ", found '" + value + "'");
    }

    /** One help line: {@code --name=<kind>  help (default: d)}. */
    public String usage() {
        String shape = switch (kind) {
            case INT -> "--" + name + " N";
            case REAL -> "--" + name + " X";
            case FLAG -> "--[no-]" + name;
            case CHOICE -> "--" + name + " " + String.join("|", choices);
        };
        return String.format(Locale.ROOT, "  %-30s %s%s", shape, help,
                defaultValue == null ? "" : " (default: " + defaultValue + ")");
    }
}
