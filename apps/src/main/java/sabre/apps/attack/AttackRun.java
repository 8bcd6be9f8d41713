package sabre.apps.attack;

import sabre.attacks.AttackResult;
import sabre.attacks.Classifier;
import sabre.attacks.Quantize;
import sabre.attacks.sparse.Ablation;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Runs an {@link AttackSpec} on {@link Inputs} in batches: one result per radius, optionally re-measured after
 * rounding to 8 bits; or the ablation's five variants at one radius.
 *
 * <pre>{@code List<AttackResult> r = AttackRun.attack(f, in, spec, Eps.parseList("8/255"), 100, false, System.err);}</pre>
 */
public final class AttackRun {
    private AttackRun() {
    }

    /** One result per radius, in the order given. */
    public static List<AttackResult> attack(Classifier f, Inputs in, AttackSpec spec, List<Eps> radii, int batch,
                                            boolean quantize, PrintStream log) {
        double[] values = Eps.values(radii);
        String label = spec.method() + (spec.isPruning() ? "(" + spec.base() + ")" : "") + " eps " + radii;
        List<AttackResult> results = Batches.run(in.images(), in.labels(), batch, label, log, (start, x, y) -> {
            int len = x.shape(0);
            if (!spec.isPruning()) {
                return spec.denseAttack(spec.method(), values[0], start, len).run(f, x, y, values);
            }
            List<AttackResult> out = new ArrayList<>();
            for (double eps : values) {
                out.add(spec.autoAdversary(eps, start, len).run(f, x, y));
            }
            return out;
        });
        return quantize ? results.stream().map(r -> Quantize.to8Bit(f, in.images(), r)).toList() : results;
    }

    /** The ablation of AutoAdversary on the spec's base at {@code eps}, rows in the table's order. */
    public static Map<Ablation.Variant, AttackResult> ablation(Classifier f, Inputs in, AttackSpec spec, Eps eps,
                                                               int batch, PrintStream log) {
        Ablation.Variant[] variants = Ablation.Variant.values();
        List<AttackResult> joined = Batches.run(in.images(), in.labels(), batch,
                "ablation(" + spec.base() + ") eps " + eps, log, (start, x, y) -> {
                    Map<Ablation.Variant, AttackResult> rows = spec.ablation(eps.value(), start, x.shape(0))
                            .run(f, x, y);
                    List<AttackResult> out = new ArrayList<>();
                    for (Ablation.Variant v : variants) {
                        out.add(rows.get(v));
                    }
                    return out;
                });
        Map<Ablation.Variant, AttackResult> out = new EnumMap<>(Ablation.Variant.class);
        for (int i = 0; i < variants.length; i++) {
            out.put(variants[i], joined.get(i));
        }
        return out;
    }
}
