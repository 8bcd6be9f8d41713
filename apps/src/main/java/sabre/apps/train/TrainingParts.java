package sabre.apps.train;

import sabre.autograd.Var;
import sabre.nn.optim.Adam;
import sabre.nn.optim.AdamW;
import sabre.nn.optim.LrSchedule;
import sabre.nn.optim.MultiStepLR;
import sabre.nn.optim.Optimizer;
import sabre.nn.optim.SGD;
import sabre.nn.optim.StepLR;
import sabre.nn.optim.WarmupCosineLR;

import java.util.List;

/**
 * Builds the optimizer and the per-step learning-rate schedule a {@link TrainConfig} names.
 *
 * <pre>{@code Optimizer opt = TrainingParts.optimizer(cfg, model.parameters());}</pre>
 */
public final class TrainingParts {
    /** The optimizers {@link #optimizer} builds. */
    public static final List<String> OPTIMIZERS = List.of("sgd", "adam", "adamw");
    /** The schedules {@link #schedule} builds. */
    public static final List<String> SCHEDULES = List.of("cosine", "step", "multistep", "constant");

    private TrainingParts() {
    }

    /** {@code sgd} (momentum, Nesterov, weight decay), {@code adam} (L2 weight decay) or {@code adamw}. */
    public static Optimizer optimizer(TrainConfig c, List<Var> params) {
        return switch (c.optimizer()) {
            case "sgd" -> new SGD(params, c.lr(), c.momentum(), 0, c.weightDecay(), c.nesterov() && c.momentum() > 0);
            case "adam" -> new Adam(params, c.lr(), 0.9, 0.999, 1e-8, c.weightDecay(), false);
            case "adamw" -> new AdamW(params, c.lr(), 0.9, 0.999, 1e-8, c.weightDecay(), false);
            default -> throw new IllegalArgumentException("train: unknown optimizer '" + c.optimizer()
                    + "' (sgd, adam, adamw)");
        };
    }

    /**
     * The schedule over optimizer steps: {@code cosine} (linear warm-up, then cosine to 0), {@code step} (×0.1 at
     * every third of the run), {@code multistep} (×0.1 at 50 % and 75 %), {@code constant}.
     */
    public static LrSchedule schedule(TrainConfig c, int stepsPerEpoch) {
        int total = c.epochs() * stepsPerEpoch;
        return switch (c.schedule()) {
            case "cosine" -> new WarmupCosineLR(c.lr(), c.warmupEpochs() * stepsPerEpoch, total, 0);
            case "step" -> new StepLR(c.lr(), Math.max(1, total / 3), 0.1);
            case "multistep" -> new MultiStepLR(c.lr(), new int[] {total / 2, total * 3 / 4}, 0.1);
            case "constant" -> new StepLR(c.lr(), Integer.MAX_VALUE, 1.0);
            default -> throw new IllegalArgumentException("train: unknown schedule '" + c.schedule()
                    + "' (cosine, step, multistep, constant)");
        };
    }
}
