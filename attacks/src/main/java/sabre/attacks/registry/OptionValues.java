package sabre.attacks.registry;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import java.util.function.IntConsumer;

/**
 * The option values given for one attack, checked against the options its {@link AttackEntry} declares: an unknown
 * name is refused with the list of the attack's options (so an option another method would use, such as
 * {@code --prune-steps} with {@code pgd}, is never silently ignored), and every value is parsed by its kind.
 * Getters return the given value or the declared default.
 *
 * <pre>{@code OptionValues v = OptionValues.parse(entry, Map.of("steps", "20")); int steps = v.integer("steps");}</pre>
 */
public final class OptionValues {
    private final AttackEntry entry;
    private final Map<String, String> given;

    private OptionValues(AttackEntry entry, Map<String, String> given) {
        this.entry = entry;
        this.given = given;
    }

    /** Checks {@code values} (option name → written value) against {@code entry}'s options. */
    public static OptionValues parse(AttackEntry entry, Map<String, String> values) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            String key = name.toLowerCase(Locale.ROOT);
            AttackOption o = entry.option(key);
            if (o == null) {
                throw new IllegalArgumentException("--" + key + " is not an option of " + entry.name() + "; its "
                        + "options: " + entry.optionNames());
            }
            out.put(key, o.canonical(value));
        });
        return new OptionValues(entry, out);
    }

    /** The values given explicitly (canonical form), in the order given. */
    public Map<String, String> given() {
        return Map.copyOf(given);
    }

    /** Whether the option was given (rather than left at its default). */
    public boolean has(String name) {
        return given.containsKey(name);
    }

    /** The option's value, or its default. */
    public String text(String name) {
        AttackOption o = entry.option(name);
        if (o == null) {
            throw new IllegalStateException(entry.name() + " declares no option '" + name + "'");
        }
        String v = given.getOrDefault(name, o.defaultValue());
        if (v == null) {
            throw new IllegalStateException(entry.name() + ": option '" + name + "' has no default; check has()");
        }
        return v;
    }

    public int integer(String name) {
        return Integer.parseInt(text(name));
    }

    public double real(String name) {
        return Double.parseDouble(text(name));
    }

    public boolean flag(String name) {
        return Boolean.parseBoolean(text(name));
    }

    public String choice(String name) {
        return text(name);
    }

    /** Calls {@code setter} with the value when the option was given. */
    public void ifInt(String name, IntConsumer setter) {
        if (has(name)) {
            setter.accept(integer(name));
        }
    }

    /** Calls {@code setter} with the value when the option was given. */
    public void ifReal(String name, DoubleConsumer setter) {
        if (has(name)) {
            setter.accept(real(name));
        }
    }

    /** Calls {@code setter} with the value when the option was given. */
    public void ifFlag(String name, Consumer<Boolean> setter) {
        if (has(name)) {
            setter.accept(flag(name));
        }
    }

    /** Calls {@code setter} with the value when the option was given. */
    public void ifChoice(String name, Consumer<String> setter) {
        if (has(name)) {
            setter.accept(choice(name));
        }
    }

    /** The same values seen through another entry (e.g. a base attack's), keeping only the options it declares. */
    public OptionValues restrictedTo(AttackEntry other) {
        Map<String, String> kept = new LinkedHashMap<>();
        given.forEach((k, v) -> {
            if (other.option(k) != null) {
                kept.put(k, v);
            }
        });
        return new OptionValues(other, kept);
    }
}
