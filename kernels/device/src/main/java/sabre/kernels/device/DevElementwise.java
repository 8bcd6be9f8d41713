package sabre.kernels.device;

import sabre.tensor.BinaryOp;
import sabre.tensor.CompareOp;
import sabre.tensor.DType;
import sabre.tensor.Tensor;
import sabre.tensor.UnaryOp;
import sabre.tensor.spi.ElementwiseOps;

/**
 * Elementwise kernels ({@code elementwise.cl}): every operand is read through its {@link View}, so broadcast
 * (stride-0) and transposed inputs need no copy; results are contiguous.
 */
final class DevElementwise extends DevKernel implements ElementwiseOps {
    DevElementwise(DeviceBackend backend) {
        super(backend);
    }

    @Override
    public Tensor unary(UnaryOp op, Tensor x) {
        DType out = op.resultType(x.dtype());
        Tensor y = alloc(out, x.shape());
        int n = x.numel();
        launch("elementwise", Types.of(x.dtype(), out), "unary").view(x).buf(x).buf(y).i(op.ordinal()).i(n).run(n);
        return y;
    }

    @Override
    public Tensor clamp(Tensor x, double lo, double hi) {
        DType t = x.dtype();
        Tensor y = alloc(t, x.shape());
        int n = x.numel();
        double l = t == DType.INT32 ? Math.max(lo, Integer.MIN_VALUE) : lo; // int bounds are integers or ±∞
        double h = t == DType.INT32 ? Math.min(hi, Integer.MAX_VALUE) : hi;
        launch("elementwise", Types.of(t), "clamp_values").view(x).buf(x).buf(y).scalar(t, l).scalar(t, h).i(n)
                .run(n);
        return y;
    }

    @Override
    public Tensor binary(BinaryOp op, Tensor a, Tensor b) {
        Tensor y = alloc(a.dtype(), a.shape());
        int n = a.numel();
        // only an integer power can fail (a negative exponent); other ops skip the flag and its host round trip
        boolean canFail = op == BinaryOp.POW && a.dtype() == DType.INT32;
        DevStorage err = canFail ? errorFlag() : null;
        launch("elementwise", Types.of(a.dtype()), "binary").view(a).buf(a).view(b).buf(b).buf(y).i(op.ordinal())
                .buf(canFail ? err : (DevStorage) y.storage()).i(n).run(n);
        if (canFail) {
            check(err, op.opName() + ": integer base to the negative power %d");
        }
        return y;
    }

    @Override
    public Tensor compare(CompareOp op, Tensor a, Tensor b) {
        Tensor y = alloc(DType.BOOL, a.shape());
        int n = a.numel();
        launch("elementwise", Types.of(a.dtype(), DType.BOOL), "compare").view(a).buf(a).view(b).buf(b).buf(y)
                .i(op.ordinal()).i(n).run(n);
        return y;
    }

    @Override
    public Tensor where(Tensor cond, Tensor a, Tensor b) {
        Tensor y = alloc(a.dtype(), a.shape());
        int n = a.numel();
        launch("elementwise", Types.of(a.dtype()), "where_select").view(cond).buf(cond).view(a).buf(a).view(b)
                .buf(b).buf(y).i(n).run(n);
        return y;
    }
}
