package sabre.attacks.registry;

import sabre.attacks.Attack;
import sabre.attacks.Fgsm;
import sabre.attacks.IFgsm;
import sabre.attacks.MiFgsm;
import sabre.attacks.Pgd;
import sabre.attacks.baselines.CwL0;
import sabre.attacks.baselines.GreedyFool;
import sabre.attacks.baselines.Jsma;
import sabre.attacks.baselines.PgdL0;
import sabre.attacks.baselines.Sapf;
import sabre.attacks.baselines.SparseFool;
import sabre.attacks.baselines.SparseRs;
import sabre.attacks.sparse.AutoAdversary;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The catalogue of attacks by name, as {@code sabre attack --method NAME} and {@code sabre compare} know them. Each
 * attack class declares its {@link AttackEntry} (options, defaults, help, how it builds itself); adding an attack is
 * that class plus one line here.
 *
 * <pre>{@code Attack a = Attacks.entry("pgd").create(new AttackContext(8 / 255.0, Goal.untargeted(), 0),
 *         Map.of("steps", "20", "alpha", "1/255"));}</pre>
 */
public final class Attacks {
    private static final List<AttackEntry> ENTRIES = List.of(
            Fgsm.ENTRY,
            IFgsm.ENTRY,
            Pgd.ENTRY,
            Pgd.L2_ENTRY,
            MiFgsm.ENTRY,
            AutoAdversary.ENTRY,
            Jsma.ENTRY,
            PgdL0.ENTRY,
            GreedyFool.ENTRY,
            CwL0.ENTRY,
            Sapf.ENTRY,
            SparseFool.ENTRY,
            SparseRs.ENTRY);

    private Attacks() {
    }

    /** Every entry, in the catalogue's order. */
    public static List<AttackEntry> entries() {
        return ENTRIES;
    }

    /** The names, in the catalogue's order. */
    public static List<String> names() {
        return ENTRIES.stream().map(AttackEntry::name).toList();
    }

    /** The entry of {@code name} (case-insensitive); unknown names fail listing the known ones. */
    public static AttackEntry entry(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        for (AttackEntry e : ENTRIES) {
            if (e.name().equals(key)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown attack '" + name + "'; known: " + String.join(", ", names()));
    }

    /** Builds attack {@code name} with option values (name → written value). */
    public static Attack create(String name, AttackContext context, Map<String, String> values) {
        return entry(name).create(context, values);
    }

    /** Every attack's help text, one block each. */
    public static String help() {
        return ENTRIES.stream().map(AttackEntry::help).collect(Collectors.joining("\n"));
    }
}
