package sabre.apps.train;

import sabre.autograd.Var;
import sabre.nn.Module;
import sabre.nn.optim.Optimizer;
import sabre.tensor.Tensor;

import java.io.PrintStream;
import java.util.Map;

/**
 * Guards each training step against NaN and ±Inf: the loss and every parameter's gradient are checked before the
 * update, every parameter after it. By default the first non-finite tensor stops training with a
 * {@link NonFiniteException} naming epoch, step and tensor (nothing is saved, so the last epoch's checkpoint stays
 * the last good one). With {@code skipBatches} ({@code sabre train --skip-nonfinite}) a batch whose loss or gradient
 * is non-finite is dropped instead: no update, not counted in the epoch's loss and accuracy, reported on the log;
 * an epoch in which every batch was dropped still stops. A parameter that turns non-finite in an update (finite
 * gradient, overflowing step) cannot be taken back and always stops.
 *
 * <pre>{@code
 * NonFiniteGuard guard = new NonFiniteGuard(model, false, System.err);
 * loss.backward(); boolean updated = guard.update(epoch, step, loss, optimizer); optimizer.zeroGrad();
 * }</pre>
 */
final class NonFiniteGuard {
    private final Module model;
    private final boolean skipBatches;
    private final PrintStream log;
    private int skipped;
    private int steps;

    NonFiniteGuard(Module model, boolean skipBatches, PrintStream log) {
        this.model = model;
        this.skipBatches = skipBatches;
        this.log = log;
    }

    /**
     * Applies {@code optimizer.step()} after {@code loss.backward()} when the loss and the gradients are finite;
     * returns whether it did. {@code epoch} and {@code step} are 0-based (messages say them 1-based).
     */
    boolean update(int epoch, int step, Var loss, Optimizer optimizer) {
        steps++;
        String bad = !finite(loss.value()) ? "the loss (" + loss.value().item() + ")" : firstNonFinite(true);
        if (bad != null) {
            String where = where(epoch, step) + bad + " is not finite";
            if (!skipBatches) {
                throw new NonFiniteException(where + "; training stopped, the last checkpoint is that of the last "
                        + "finished epoch (sabre train --skip-nonfinite skips such batches instead)");
            }
            skipped++;
            log.println(where + "; batch skipped (--skip-nonfinite)");
            return false;
        }
        optimizer.step();
        String param = firstNonFinite(false);
        if (param != null) {
            throw new NonFiniteException(where(epoch, step) + param + " is not finite after the update; training "
                    + "stopped, the last checkpoint is that of the last finished epoch");
        }
        return true;
    }

    /** Ends an epoch: stops when every one of its batches was skipped; resets the counts. */
    void finishEpoch(int epoch) {
        if (steps > 0 && skipped == steps) {
            throw new NonFiniteException("epoch " + (epoch + 1) + ": all " + steps + " batches had a non-finite loss "
                    + "or gradient and were skipped; training stopped (lower the learning rate?)");
        }
        skipped = 0;
        steps = 0;
    }

    /** The first parameter (in state-dict order) whose gradient, or value, has a NaN or ±Inf, described; or null. */
    private String firstNonFinite(boolean gradients) {
        for (Map.Entry<String, Var> p : model.namedParameters().entrySet()) {
            Tensor t = gradients ? p.getValue().grad() : p.getValue().value();
            if (t != null && !finite(t)) {
                return (gradients ? "the gradient of parameter '" : "parameter '") + p.getKey() + "'";
            }
        }
        return null;
    }

    /** {@code t − t} is 0 exactly where t is finite, so its sum is 0 unless some element is NaN or ±Inf. */
    private static boolean finite(Tensor t) {
        return t.sub(t).sum().item() == 0;
    }

    private static String where(int epoch, int step) {
        return "epoch " + (epoch + 1) + ", step " + (step + 1) + ": ";
    }
}
