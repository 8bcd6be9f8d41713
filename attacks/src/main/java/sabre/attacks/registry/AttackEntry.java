package sabre.attacks.registry;

import sabre.attacks.Attack;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * An attack's catalogue entry: its name, a one-line description with its paper, whether it is bounded by ε, the
 * options it takes (with defaults and help), the default radius, and how it builds itself from a context and option
 * values. Each attack class declares its own entry as a constant; {@link Attacks} lists them.
 *
 * <pre>{@code public static final AttackEntry ENTRY = new AttackEntry("fgsm", "FGSM (Goodfellow et al. 2015)",
 *         true, 8 / 255.0, DenseOptions.common(false), (c, v) -> DenseOptions.apply(new Fgsm(), c, v));}</pre>
 *
 * @param bounded whether the attack keeps its perturbation inside the ε-ball of the context (false: ε is ignored,
 *                e.g. C&W-L0, which measures the L∞ it needed)
 * @param defaultEps the radius used when the user gives none (8/255 for L∞ attacks, 1.0 for L2 as torchattacks)
 */
public record AttackEntry(String name, String description, boolean bounded, double defaultEps,
                          List<AttackOption> options, Builder builder) {
    /** Builds a configured attack. */
    public interface Builder {
        Attack build(AttackContext context, OptionValues values);
    }

    public AttackEntry {
        options = List.copyOf(options);
        long distinct = options.stream().map(AttackOption::name).distinct().count();
        if (distinct != options.size()) {
            throw new IllegalArgumentException(name + ": option names repeat in " + options);
        }
    }

    /** The declared option of that name, or null. */
    public AttackOption option(String optionName) {
        for (AttackOption o : options) {
            if (o.name().equals(optionName)) {
                return o;
            }
        }
        return null;
    }

    /**
     * The declared defaults (name → written value) of the options not in {@code given}: with the given options, what
     * a result depends on, so a result or journal of another Sabre version with other defaults is never taken for
     * this one.
     */
    public Map<String, String> defaultsBesides(Map<String, String> given) {
        Map<String, String> out = new TreeMap<>();
        for (AttackOption o : options) {
            if (o.defaultValue() != null && !given.containsKey(o.name())) {
                out.put(o.name(), o.defaultValue());
            }
        }
        return out;
    }

    /** The option names as {@code --a, --b}. */
    public String optionNames() {
        return options.isEmpty() ? "(none)" : options.stream().map(o -> "--" + o.name())
                .collect(Collectors.joining(", "));
    }

    /**
     * The radius when the user gives none: {@link #defaultEps()}, or 1.0 (torchattacks' L2 default) when the attack
     * has a {@code norm} option set to {@code l2}.
     */
    public double defaultEps(OptionValues values) {
        return option("norm") != null && values.choice("norm").equals("l2") ? 1.0 : defaultEps;
    }

    /** Builds the attack from raw option values (name → written value), checking them first. */
    public Attack create(AttackContext context, Map<String, String> values) {
        return builder.build(context, OptionValues.parse(this, values));
    }

    /** Help text: the description and one line per option. */
    public String help() {
        StringBuilder b = new StringBuilder(name).append(": ").append(description).append('\n');
        b.append(bounded ? "  bounded by --eps (default " + epsText() + ")\n" : "  unbounded: takes no --eps; the "
                + "perturbation's own L-inf is measured\n");
        options.forEach(o -> b.append(o.usage()).append('\n'));
        return b.toString();
    }

    private String epsText() {
        double k = defaultEps * 255;
        return Math.abs(k - Math.rint(k)) < 1e-9 && defaultEps < 1 ? Math.round(k) + "/255" : String.valueOf(defaultEps);
    }
}
