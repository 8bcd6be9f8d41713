package sabre.apps.train;

import sabre.autograd.F;
import sabre.autograd.Var;
import sabre.data.Batch;
import sabre.nn.Module;
import sabre.tensor.Device;

/**
 * One training step's loss: from an (already augmented) batch to the scalar loss the trainer back-propagates, with
 * the logits it reports accuracy from. The default is cross-entropy with label smoothing; other methods (a
 * consistency term, an adversarial inner loop) plug in here without touching {@link Trainer}.
 *
 * <pre>{@code TrainStep step = TrainStep.crossEntropy(0.1); TrainStep.Output o = step.run(model, batch, Device.CPU);}</pre>
 */
@FunctionalInterface
public interface TrainStep {
    /** The mean loss over the batch (a scalar with a graph to the parameters) and the logits [B, K]. */
    record Output(Var loss, Var logits) {
    }

    /** The loss of {@code model} (in training mode) on {@code batch}, computed on {@code device}. */
    Output run(Module model, Batch batch, Device device);

    /** Mean cross-entropy with {@code labelSmoothing}. */
    static TrainStep crossEntropy(double labelSmoothing) {
        return (model, batch, device) -> {
            Var logits = model.forward(Var.of(batch.images().to(device)));
            return new Output(F.crossEntropy(logits, batch.labels().to(device), labelSmoothing, F.Reduction.MEAN),
                    logits);
        };
    }
}
