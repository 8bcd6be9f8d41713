package sabre.nn.optim;

/**
 * A linear ramp from rate a to rate b over n indices, then b: {@code lr(t) = a + (b − a) · min(t, n) / n} — the
 * closed form of {@code torch.optim.lr_scheduler.LinearLR(start_factor=a/η₀, end_factor=b/η₀, total_iters=n)} for
 * an optimizer whose initial rate is η₀ (PyTorch updates recursively; the two agree to rounding).
 *
 * <pre>{@code LrSchedule warmup = new LinearRampLR(0.01, 0.1, 500); // 0.01 → 0.1 over the first 500 steps}</pre>
 */
public final class LinearRampLR extends LrSchedule {
    private final double start;
    private final double end;
    private final int steps;

    /** a = {@code start} and b = {@code end} finite and ≥ 0, n = {@code steps} ≥ 1. */
    public LinearRampLR(double start, double end, int steps) {
        super("LinearRampLR");
        this.start = checkLr("start rate", start);
        this.end = checkLr("end rate", end);
        require(steps >= 1, "steps must be >= 1, found %d", steps);
        this.steps = steps;
    }

    @Override
    protected double at(int t) {
        return start + (end - start) * Math.min(t, steps) / steps; // a + (b − a) · min(t, n) / n
    }
}
