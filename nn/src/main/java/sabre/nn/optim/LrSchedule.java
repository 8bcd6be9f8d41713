package sabre.nn.optim;

import sabre.tensor.Check;

/**
 * A learning-rate schedule in closed form: {@link #lr(int)} maps an index t ≥ 0 (an epoch or a step, whichever the
 * caller counts) to a learning rate, with no hidden state — resuming at index t needs nothing but t.
 * {@link #apply} sets the rate on an optimizer.
 *
 * <pre>{@code
 * LrSchedule schedule = new StepLR(0.1, 30, 0.1);
 * for (int epoch = start; epoch < epochs; epoch++) { schedule.apply(optimizer, epoch); train(optimizer); }
 * }</pre>
 */
public abstract class LrSchedule {
    private final String name;

    /** {@code name} prefixes every error message of this schedule. */
    protected LrSchedule(String name) {
        this.name = name;
    }

    /** The learning rate at index {@code t} ≥ 0. */
    public final double lr(int t) {
        require(t >= 0, "index must be >= 0, found %d", t);
        return at(t);
    }

    /** Sets {@code optimizer}'s learning rate to {@link #lr}(t) and returns it. */
    public final double apply(Optimizer optimizer, int t) {
        double lr = lr(t);
        optimizer.setLr(lr);
        return lr;
    }

    /** The formula, for a checked index t ≥ 0. */
    protected abstract double at(int t);

    /** Fails with {@code IllegalArgumentException("<schedule name>: <message>")} when {@code condition} is false. */
    protected final void require(boolean condition, String message, Object... args) {
        Check.arg(condition, name, message, args);
    }

    /** Checks that a learning rate named {@code what} is finite and non-negative, and returns it. */
    protected final double checkLr(String what, double lr) {
        require(Double.isFinite(lr) && lr >= 0, "%s must be finite and >= 0, found %s", what, lr);
        return lr;
    }
}
