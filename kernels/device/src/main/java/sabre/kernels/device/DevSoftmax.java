package sabre.kernels.device;

import sabre.tensor.Tensor;
import sabre.tensor.spi.SoftmaxOps;

/** Softmax, log-softmax and the fused cross-entropy ({@code softmax.cl}): one work-item per line, max-shifted. */
final class DevSoftmax extends DevKernel implements SoftmaxOps {
    DevSoftmax(DeviceBackend backend) {
        super(backend);
    }

    @Override
    public Tensor softmax(Tensor x, int axis) {
        return lines(x, axis, false);
    }

    @Override
    public Tensor logSoftmax(Tensor x, int axis) {
        return lines(x, axis, true);
    }

    private Tensor lines(Tensor x, int axis, boolean log) {
        int[] s = x.shape();
        int inner = prod(s, axis + 1, s.length);
        int lines = prod(s, 0, axis) * inner;
        Tensor xd = dense(x);
        Tensor y = alloc(x.dtype(), s);
        launch("softmax", Types.of(x.dtype()), "softmax_lines").buf(xd).buf(y).i(s[axis]).i(inner).i(log ? 1 : 0)
                .i(lines).run(lines);
        done(xd, x);
        return y;
    }

    @Override
    public Tensor crossEntropy(Tensor logits, Tensor target, double labelSmoothing) {
        int n = logits.shape(0);
        Tensor x = dense(logits);
        Tensor t = dense(target);
        Tensor loss = alloc(logits.dtype(), new int[] {n});
        DevStorage err = errorFlag();
        launch("softmax", Types.of(x.dtype()), "cross_entropy").buf(x).buf(t).buf(loss).i(logits.shape(1))
                .scalar(x.dtype(), labelSmoothing).buf(err).i(n).run(n);
        done(x, logits);
        done(t, target);
        check(err, "cross_entropy: index %d out of range [0, " + logits.shape(1) + ") along axis 1");
        return loss;
    }

}
