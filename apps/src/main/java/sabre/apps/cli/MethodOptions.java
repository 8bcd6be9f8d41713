package sabre.apps.cli;

import sabre.attacks.registry.AttackEntry;
import sabre.attacks.registry.AttackOption;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command-line words a command does not know itself, read as the chosen attack's own options:
 * {@code --name value}, {@code --name=value}, and for on/off options {@code --name} or {@code --no-name}. A word
 * that is not an option of that attack is refused, naming the attack's options.
 *
 * <pre>{@code Map<String, String> v = MethodOptions.parse(Attacks.entry("pgd"), List.of("--steps", "20"));}</pre>
 */
final class MethodOptions {
    private MethodOptions() {
    }

    /** Option name → written value, in the order given. */
    static Map<String, String> parse(AttackEntry entry, List<String> words) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (!w.startsWith("--") || w.length() < 3) {
                throw new IllegalArgumentException("unexpected argument '" + w + "'");
            }
            String name = w.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            AttackOption o = entry.option(name);
            if (o == null && name.startsWith("no-") && value == null) {
                AttackOption negated = entry.option(name.substring(3));
                if (negated != null && negated.kind() == AttackOption.Kind.FLAG) {
                    put(out, negated.name(), "false");
                    continue;
                }
            }
            if (o == null) {
                throw new IllegalArgumentException("--" + name + " is not an option of " + entry.name() + "; its "
                        + "options: " + entry.optionNames() + " (sabre attack --method " + entry.name() + " --help)");
            }
            if (value == null) {
                boolean nextIsValue = i + 1 < words.size() && !words.get(i + 1).startsWith("--");
                if (o.kind() == AttackOption.Kind.FLAG && !nextIsValue) {
                    value = "true";
                } else if (nextIsValue) {
                    value = words.get(++i);
                } else {
                    throw new IllegalArgumentException("--" + name + " needs a value");
                }
            }
            put(out, name, value);
        }
        return out;
    }

    private static void put(Map<String, String> out, String name, String value) {
        if (out.put(name, value) != null) {
            throw new IllegalArgumentException("--" + name + " is given twice");
        }
    }
}
