package sabre.tensor.ref;

import sabre.tensor.BinaryOp;
import sabre.tensor.CompareOp;
import sabre.tensor.DType;
import sabre.tensor.Tensor;
import sabre.tensor.UnaryOp;
import sabre.tensor.spi.Backend;
import sabre.tensor.spi.ElementwiseOps;

/** Elementwise math for the reference backend; every formula is written out once, in double precision. */
public final class RefElementwise extends RefKernel implements ElementwiseOps {
    /** The reference implementation, allocating its results as host memory of {@code backend}. */
    public RefElementwise(Backend backend) {
        super(backend);
    }

    @Override
    public Tensor unary(UnaryOp op, Tensor x) {
        double[] v = read(x);
        DType out = op.resultType(x.dtype());
        for (int i = 0; i < v.length; i++) {
            v[i] = apply(op, v[i]);
        }
        return make(v, x.shape(), out);
    }

    /** The scalar definition of each unary op — the specification every backend computes (in double here). */
    public static double apply(UnaryOp op, double x) {
        return switch (op) {
            case NEG -> -x;
            case ABS -> Math.abs(x);
            case SIGN -> Math.signum(x);
            case EXP -> Math.exp(x);
            case LOG -> Math.log(x);
            case SQRT -> Math.sqrt(x);
            case RSQRT -> 1 / Math.sqrt(x);
            case TANH -> Math.tanh(x);
            // 1/(1+e^−x) for x ≥ 0, e^x/(1+e^x) otherwise: no overflow on either side
            case SIGMOID -> x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
            case RELU -> x > 0 ? x : (Double.isNaN(x) ? x : 0);
            // log(1+e^x) = max(x,0) + log1p(e^−|x|)
            case SOFTPLUS -> Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
            case FLOOR -> Math.floor(x);
            case CEIL -> Math.ceil(x);
        };
    }

    @Override
    public Tensor clamp(Tensor x, double lo, double hi) {
        double[] v = read(x);
        for (int i = 0; i < v.length; i++) {
            v[i] = Double.isNaN(v[i]) ? v[i] : Math.min(Math.max(v[i], lo), hi);
        }
        return make(v, x.shape(), x.dtype());
    }

    @Override
    public Tensor binary(BinaryOp op, Tensor a, Tensor b) {
        double[] x = read(a);
        double[] y = read(b);
        boolean integer = a.dtype() == DType.INT32;
        for (int i = 0; i < x.length; i++) {
            x[i] = apply(op, x[i], y[i], integer);
        }
        return make(x, a.shape(), a.dtype());
    }

    /** The scalar definition of each binary op; integer division does not occur (DIV promotes to float). */
    static double apply(BinaryOp op, double x, double y, boolean integer) {
        return switch (op) {
            case ADD -> integer ? (int) ((long) x + (long) y) : x + y;
            case SUB -> integer ? (int) ((long) x - (long) y) : x - y;
            case MUL -> integer ? (int) ((long) x * (long) y) : x * y;
            case DIV -> x / y;
            case POW -> integer ? intPow((int) x, (int) y) : Math.pow(x, y);
            // NaN propagates, as in torch.maximum/minimum
            case MAXIMUM -> Double.isNaN(x) || Double.isNaN(y) ? Double.NaN : Math.max(x, y);
            case MINIMUM -> Double.isNaN(x) || Double.isNaN(y) ? Double.NaN : Math.min(x, y);
        };
    }

    private static double intPow(int base, int exp) {
        if (exp < 0) {
            throw new IllegalArgumentException("pow: integer base " + base + " to the negative power " + exp);
        }
        int r = 1;
        for (int i = 0; i < exp; i++) {
            r *= base; // wraps on overflow, like int32 arithmetic everywhere
        }
        return r;
    }

    @Override
    public Tensor compare(CompareOp op, Tensor a, Tensor b) {
        double[] x = read(a);
        double[] y = read(b);
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            boolean r = switch (op) {
                case EQ -> x[i] == y[i];
                case NE -> x[i] != y[i];
                case LT -> x[i] < y[i];
                case LE -> x[i] <= y[i];
                case GT -> x[i] > y[i];
                case GE -> x[i] >= y[i];
            };
            out[i] = r ? 1 : 0;
        }
        return make(out, a.shape(), DType.BOOL);
    }

    @Override
    public Tensor where(Tensor cond, Tensor a, Tensor b) {
        double[] c = read(cond);
        double[] x = read(a);
        double[] y = read(b);
        for (int i = 0; i < x.length; i++) {
            x[i] = c[i] != 0 ? x[i] : y[i];
        }
        return make(x, a.shape(), a.dtype());
    }
}
