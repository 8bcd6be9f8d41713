package sabre.nn.optim;

import java.util.Arrays;

/**
 * Decays the rate by γ at each milestone: {@code lr(t) = η₀ · γ^k}, k = the number of milestones ≤ t — the closed
 * form of {@code torch.optim.lr_scheduler.MultiStepLR} (a milestone listed twice counts twice, as there).
 *
 * <pre>{@code LrSchedule schedule = new MultiStepLR(0.1, new int[] {100, 150}, 0.1);}</pre>
 */
public final class MultiStepLR extends LrSchedule {
    private final double baseLr;
    private final int[] milestones;
    private final double gamma;

    /** η₀ = {@code baseLr} finite and ≥ 0, milestones ≥ 0 in any order, γ finite and > 0. */
    public MultiStepLR(double baseLr, int[] milestones, double gamma) {
        super("MultiStepLR");
        this.baseLr = checkLr("base learning rate", baseLr);
        require(milestones != null, "milestones are null");
        require(Arrays.stream(milestones).allMatch(m -> m >= 0), "milestones must be >= 0, found %s",
                Arrays.toString(milestones));
        require(Double.isFinite(gamma) && gamma > 0, "gamma must be finite and > 0, found %s", gamma);
        this.milestones = milestones.clone();
        this.gamma = gamma;
    }

    @Override
    protected double at(int t) {
        long passed = Arrays.stream(milestones).filter(m -> m <= t).count();
        return baseLr * Math.pow(gamma, passed); // η₀ · γ^#{milestones ≤ t}
    }
}
