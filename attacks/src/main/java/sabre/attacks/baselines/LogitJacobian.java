package sabre.attacks.baselines;

import sabre.attacks.Classifier;
import sabre.autograd.Autograd;
import sabre.autograd.Var;
import sabre.tensor.Check;
import sabre.tensor.Tensor;

import java.util.Collections;
import java.util.List;

/**
 * Weighted rows of the logits' Jacobian for a batch: {@code g[r, n] = Σ_k w[r, n, k] · ∂z_k(x_n)/∂x_n}, R rows per
 * image from one backward pass over the images replicated R times (a sample's logits depend on itself alone in
 * eval mode, so the copies do not interact). R = K with one-hot weights gives the full Jacobian (SparseFool's
 * DeepFool); R = 2 with {@code e_t} and {@code 1 − e_t} gives the two sums JSMA's saliency needs. The logits are
 * read first, so the weights may depend on them.
 *
 * <pre>{@code LogitJacobian j = LogitJacobian.at(f, x, 2); Tensor g = j.vjp(weightsOf(j.logits()));}</pre>
 */
final class LogitJacobian {
    private final Var input;
    private final Var logits;
    private final int rows;
    private final int[] imageShape;

    private LogitJacobian(Var input, Var logits, int rows, int[] imageShape) {
        this.input = input;
        this.logits = logits;
        this.rows = rows;
        this.imageShape = imageShape;
    }

    /** Records the forward pass of {@code images} [N, C, H, W] replicated {@code rows} times. */
    static LogitJacobian at(Classifier model, Tensor images, int rows) {
        Check.positive("jacobian", "rows", rows);
        Var in = Var.param(Tensor.cat(Collections.nCopies(rows, images), 0));
        return new LogitJacobian(in, model.logits(in), rows, images.shape());
    }

    /** The logits of the images, [N, K] (no graph). */
    Tensor logits() {
        return logits.value().narrow(0, 0, imageShape[0]);
    }

    /** The weighted rows for weights [R, N, K] (same dtype and device as the logits): [R, N, C, H, W]. */
    Tensor vjp(Tensor weights) {
        int n = imageShape[0];
        int k = logits.shape()[1];
        Check.arg(weights.dim() == 3 && weights.shape(0) == rows && weights.shape(1) == n && weights.shape(2) == k,
                "jacobian", "weights must be [%d, %d, %d]", rows, n, k);
        Tensor g = Autograd.grad(List.of(logits), List.of(weights.reshape(rows * n, k)), List.of(input), false)[0];
        int[] shape = new int[imageShape.length + 1];
        shape[0] = rows;
        System.arraycopy(imageShape, 0, shape, 1, imageShape.length);
        return g.reshape(shape);
    }
}
