package sabre.nn.optim;

/**
 * Linear warm-up for W indices, then cosine annealing to η_min at index T, then η_min:
 * <pre>
 *   lr(t) = η₀ · t / W                                              for t &lt; W
 *   lr(t) = η_min + (η₀ − η_min) · (1 + cos(π (t − W) / (T − W))) / 2   for W ≤ t ≤ T
 *   lr(t) = η_min                                                   for t &gt; T
 * </pre>
 * With W = 0 this is the closed form of {@code torch.optim.lr_scheduler.CosineAnnealingLR(T_max=T,
 * eta_min=η_min)}, η_min + (η₀ − η_min)(1 + cos(π t/T))/2, for t ≤ T (PyTorch's rate rises again after T; this one
 * stays at η_min). The warm-up is HuggingFace's {@code get_cosine_schedule_with_warmup} convention (the rate is 0 at
 * t = 0 and reaches η₀ at t = W); with η_min = 0 the whole schedule equals that one for t ≤ T.
 *
 * <pre>{@code LrSchedule schedule = new WarmupCosineLR(0.1, 5, 200, 0); // 5 warm-up epochs of 200}</pre>
 */
public final class WarmupCosineLR extends LrSchedule {
    private final double baseLr;
    private final int warmup;
    private final int total;
    private final double minLr;

    /** η₀ = {@code baseLr} and η_min = {@code minLr} finite and ≥ 0, 0 ≤ W &lt; T. */
    public WarmupCosineLR(double baseLr, int warmup, int total, double minLr) {
        super("WarmupCosineLR");
        this.baseLr = checkLr("base learning rate", baseLr);
        this.minLr = checkLr("minimum learning rate", minLr);
        require(warmup >= 0 && warmup < total, "need 0 <= warm-up < total, found warm-up %d and total %d", warmup,
                total);
        this.warmup = warmup;
        this.total = total;
    }

    @Override
    protected double at(int t) {
        if (t < warmup) {
            return baseLr * t / warmup; // η₀ · t / W
        }
        if (t > total) {
            return minLr;
        }
        // η_min + (η₀ − η_min)(1 + cos(π (t − W) / (T − W))) / 2
        return minLr + (baseLr - minLr) * (1 + Math.cos(Math.PI * (t - warmup) / (total - warmup))) / 2;
    }
}
