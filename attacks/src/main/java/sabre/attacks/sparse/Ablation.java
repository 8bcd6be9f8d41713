package sabre.attacks.sparse;

import sabre.attacks.AttackResult;
import sabre.attacks.Batch;
import sabre.attacks.Classifier;
import sabre.tensor.Tensor;

import java.util.EnumMap;
import java.util.Map;

/**
 * The thesis's ablation (Table 3-7) as configurations of the same code, all on one dense δ from the base attack:
 * Dense; Dense + Random (a random mask with the full method's L0 per image); Dense + L1 on δ (no mask); Dense + L1 on
 * m + binarization (free mask logits, no encoder); Full (with the encoder). Each variant's time includes the base
 * attack's.
 *
 * <pre>{@code Map<Ablation.Variant, AttackResult> rows = new Ablation(new AutoAdversary()).run(f, x, y);}</pre>
 */
public final class Ablation {
    /** The table's rows, in its order. */
    public enum Variant {
        DENSE("Dense"), DENSE_RANDOM("Dense + Random"), L1_DELTA("Dense + L1 on delta"),
        L1_MASK("Dense + L1 on m + binarization"), FULL("Full (encoder)");

        private final String label;

        Variant(String label) {
            this.label = label;
        }

        /** The row label. */
        public String label() {
            return label;
        }
    }

    /** Adam learning rate of the free mask logits: a logit moves by about lr per step, so 0.05 lets the initial 2
     *  cross zero in 40 of the 100 steps (the encoder's 0.003 would leave the free mask at its start). */
    public static final double FREE_LOGIT_LR = 0.05;

    /** The free logits' binarizer schedule α 1 → 200, sharper than the encoder's default: a logit moving 0.05 per
     *  step changes the mask only once α is large (full-data ResNet-20: L0 43.6 with 1 → 200, 287.8 with the
     *  encoder's 1 → 2; docs/attacks.md, sparsity study). */
    public static final double FREE_LOGIT_ALPHA_END = 200;

    private final AutoAdversary full;
    private final AutoAdversary noEncoder;
    private final L1DeltaPruning l1Delta;

    /**
     * The variants of {@code full}: L1 on δ at λ = 0.5 with full's step count, free logits with
     * {@link #FREE_LOGIT_LR} and α 1 → {@link #FREE_LOGIT_ALPHA_END}.
     */
    public Ablation(AutoAdversary full) {
        this(full,
                full.withEncoder(AutoAdversary.Encoder.NONE).encoderLr(FREE_LOGIT_LR).alpha(1, FREE_LOGIT_ALPHA_END),
                new L1DeltaPruning(full.objective(), 0.5, full.steps(), 0.1));
    }

    public Ablation(AutoAdversary full, AutoAdversary noEncoder, L1DeltaPruning l1Delta) {
        this.full = full;
        this.noEncoder = noEncoder;
        this.l1Delta = l1Delta;
    }

    /** Runs every variant on the same images. */
    public Map<Variant, AttackResult> run(Classifier model, Tensor images, Tensor labels) {
        Map<Variant, AttackResult> rows = new EnumMap<>(Variant.class);
        double eps = full.base().eps();
        try (Classifier.EvalScope scope = model.evalScope()) {
            Batch batch = Batch.of(model, images, labels, full.base().goal());
            long t0 = System.nanoTime();
            int[] denseIts = new int[batch.size()];
            Tensor dense = full.base().perturbation(batch, eps, denseIts);
            double denseSeconds = (System.nanoTime() - t0) / 1e9;
            rows.put(Variant.DENSE, batch.result("dense", eps, images.add(dense), denseIts, denseSeconds));

            AttackResult fullRow = timed(batch, "full", eps, denseIts, denseSeconds,
                    its -> full.prune(batch, dense, eps, its));
            rows.put(Variant.FULL, fullRow);
            boolean pixels = full.maskUnit() == AutoAdversary.MaskUnit.PIXEL;
            int[] counts = pixels ? fullRow.distances().l0Pixels() : fullRow.distances().l0Elements();
            Tensor random = RandomMask.draw(full.seed(), images, counts, pixels);
            rows.put(Variant.DENSE_RANDOM, batch.result("dense+random", eps, images.add(dense.mul(random)), random,
                    denseIts, denseSeconds));
            rows.put(Variant.L1_DELTA, timed(batch, "dense+l1-delta", eps, denseIts, denseSeconds,
                    its -> l1Delta.prune(batch, dense, eps, its)));
            rows.put(Variant.L1_MASK, timed(batch, "dense+l1-mask+bin", eps, denseIts, denseSeconds,
                    its -> noEncoder.prune(batch, dense, eps, its)));
        }
        Map<Variant, AttackResult> ordered = new EnumMap<>(Variant.class);
        ordered.putAll(rows);
        return ordered;
    }

    private interface Pruning {
        Pruned apply(int[] iterations);
    }

    private static AttackResult timed(Batch batch, String name, double eps, int[] denseIts, double denseSeconds,
                                      Pruning pruning) {
        long t0 = System.nanoTime();
        int[] its = denseIts.clone();
        Pruned p = pruning.apply(its);
        return batch.result(name, eps, p.adversarial(), p.masks(), its, denseSeconds + (System.nanoTime() - t0) / 1e9);
    }
}
