package sabre.nn.optim;

/**
 * Decays the rate by γ every {@code stepSize} indices: {@code lr(t) = η₀ · γ^⌊t / stepSize⌋} — the closed form of
 * {@code torch.optim.lr_scheduler.StepLR} (which multiplies by γ recursively; the two agree to rounding).
 *
 * <pre>{@code LrSchedule schedule = new StepLR(0.1, 30, 0.1); // 0.1 for epochs 0–29, 0.01 for 30–59, ...}</pre>
 */
public final class StepLR extends LrSchedule {
    private final double baseLr;
    private final int stepSize;
    private final double gamma;

    /** η₀ = {@code baseLr} finite and ≥ 0, {@code stepSize} ≥ 1, γ finite and > 0. */
    public StepLR(double baseLr, int stepSize, double gamma) {
        super("StepLR");
        this.baseLr = checkLr("base learning rate", baseLr);
        require(stepSize >= 1, "step size must be >= 1, found %d", stepSize);
        require(Double.isFinite(gamma) && gamma > 0, "gamma must be finite and > 0, found %s", gamma);
        this.stepSize = stepSize;
        this.gamma = gamma;
    }

    @Override
    protected double at(int t) {
        return baseLr * Math.pow(gamma, t / stepSize); // η₀ · γ^⌊t / stepSize⌋
    }
}
