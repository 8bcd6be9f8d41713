package sabre.tensor;

import sabre.tensor.spi.Backend;
import sabre.tensor.spi.Backends;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An n-dimensional array: a backend-owned {@link Storage} seen through a shape, strides and an offset. Views
 * (reshape, permute, narrow, expand, ...) share storage and cost nothing; ops allocate new tensors and are
 * immutable with respect to their inputs. Every op validates its arguments here, once, for all backends, and
 * raises {@link IllegalArgumentException} naming the op and the shapes.
 *
 * <p>Broadcasting follows NumPy; type promotion is documented on {@link DType}.
 *
 * <pre>{@code
 * Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
 * Tensor y = x.mul(2).add(Tensor.of(new float[] {1, 0, -1}, 3)).sum(new int[] {1}, false); // [3, 15]
 * }</pre>
 */
public final class Tensor {
    private final Storage storage;
    private final int[] shape;
    private final int[] strides;
    private final int offset;

    private Tensor(Storage storage, int[] shape, int[] strides, int offset) {
        this.storage = storage;
        this.shape = shape;
        this.strides = strides;
        this.offset = offset;
    }

    // ---------------------------------------------------------------- backend SPI

    /** For backends: a contiguous tensor over {@code storage}. */
    public static Tensor wrap(Storage storage, int[] shape) {
        Check.arg(Shape.numel("wrap", shape) <= storage.size(), "wrap", "shape %s needs more than %d elements",
                Shape.str(shape), storage.size());
        return new Tensor(storage, shape.clone(), Shape.contiguousStrides(shape), 0);
    }

    /** For backends: the storage behind this tensor. Code outside a backend must not use it. */
    public Storage storage() {
        return storage;
    }

    // ---------------------------------------------------------------- metadata

    public int[] shape() {
        return shape.clone();
    }

    /** Size of one dimension; negative counts from the end. */
    public int shape(int dim) {
        return shape[Shape.axis("shape", dim, shape.length)];
    }

    public int[] strides() {
        return strides.clone();
    }

    public int offset() {
        return offset;
    }

    public int dim() {
        return shape.length;
    }

    public int numel() {
        return Shape.numel("numel", shape);
    }

    public DType dtype() {
        return storage.dtype();
    }

    public Device device() {
        return storage.backend().device();
    }

    public Backend backend() {
        return storage.backend();
    }

    /** True when the elements are laid out row-major without gaps (size-1 dimensions may have any stride). */
    public boolean isContiguous() {
        int expected = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && strides[i] != expected) {
                return false;
            }
            expected *= shape[i];
        }
        return true;
    }

    // ---------------------------------------------------------------- creation

    /** A tensor on {@code device} filled with {@code value}. */
    public static Tensor full(Device device, DType dtype, double value, int... shape) {
        Shape.numel("full", shape);
        return Backends.get(device).memory().full(shape.clone(), dtype, value);
    }

    /** Zeros on the default device. */
    public static Tensor zeros(DType dtype, int... shape) {
        Shape.numel("zeros", shape); // refuse bad sizes under this op's own name
        return full(Device.defaultDevice(), dtype, 0, shape);
    }

    /** FLOAT32 zeros on the default device. */
    public static Tensor zeros(int... shape) {
        return zeros(DType.FLOAT32, shape);
    }

    /** Ones on the default device. */
    public static Tensor ones(DType dtype, int... shape) {
        Shape.numel("ones", shape); // refuse bad sizes under this op's own name
        return full(Device.defaultDevice(), dtype, 1, shape);
    }

    /** FLOAT32 ones on the default device. */
    public static Tensor ones(int... shape) {
        return ones(DType.FLOAT32, shape);
    }

    /** Same shape, type and device as {@code t}, filled with {@code value}. */
    public static Tensor fullLike(Tensor t, double value) {
        return full(t.device(), t.dtype(), value, t.shape);
    }

    public static Tensor zerosLike(Tensor t) {
        return fullLike(t, 0);
    }

    public static Tensor onesLike(Tensor t) {
        return fullLike(t, 1);
    }

    /** A tensor of {@code dtype} on {@code device} holding {@code data} (row-major) with {@code shape}. */
    public static Tensor fromDoubles(Device device, DType dtype, double[] data, int... shape) {
        checkLength("fromDoubles", data.length, shape);
        return Backends.get(device).memory().fromDoubles(data.clone(), shape.clone(), dtype);
    }

    /** FLOAT32 tensor on the default device. */
    public static Tensor of(float[] data, int... shape) {
        checkLength("of", data.length, shape);
        return Backends.get(Device.defaultDevice()).memory().fromFloats(data.clone(), shape.clone());
    }

    /** FLOAT64 tensor on the default device. */
    public static Tensor of(double[] data, int... shape) {
        return fromDoubles(Device.defaultDevice(), DType.FLOAT64, data, shape);
    }

    /** INT32 tensor (labels, indices) on the default device. */
    public static Tensor ofInts(int[] data, int... shape) {
        checkLength("ofInts", data.length, shape);
        return Backends.get(Device.defaultDevice()).memory().fromInts(data.clone(), shape.clone(), DType.INT32);
    }

    /** BOOL tensor (masks) on the default device. */
    public static Tensor ofBools(boolean[] data, int... shape) {
        checkLength("ofBools", data.length, shape);
        int[] ints = new int[data.length];
        for (int i = 0; i < data.length; i++) {
            ints[i] = data[i] ? 1 : 0;
        }
        return Backends.get(Device.defaultDevice()).memory().fromInts(ints, shape.clone(), DType.BOOL);
    }

    /** A 0-dimensional tensor on the default device. */
    public static Tensor scalar(double value, DType dtype) {
        return full(Device.defaultDevice(), dtype, value, new int[0]);
    }

    /** {@code start, start+step, ...} below {@code end} (above it for negative step). */
    public static Tensor arange(double start, double end, double step, DType dtype) {
        Check.arg(step != 0 && Double.isFinite(start) && Double.isFinite(end) && Double.isFinite(step), "arange",
                "invalid range start=%s end=%s step=%s", start, end, step);
        long n = Math.max(0, (long) Math.ceil((end - start) / step));
        Check.arg(n <= Shape.MAX_ELEMENTS, "arange", "%d elements is too many", n);
        double[] data = new double[(int) n];
        Arrays.setAll(data, i -> start + i * step);
        return fromDoubles(Device.defaultDevice(), dtype, data, data.length);
    }

    /** INT32 {@code 0 .. n-1}. */
    public static Tensor arange(int n) {
        return arange(0, n, 1, DType.INT32);
    }

    /** The n×n identity. */
    public static Tensor eye(int n, DType dtype) {
        Shape.numel("eye", n, n);
        double[] data = new double[n * n];
        for (int i = 0; i < n; i++) {
            data[i * n + i] = 1;
        }
        return fromDoubles(Device.defaultDevice(), dtype, data, n, n);
    }

    // ---------------------------------------------------------------- seeded random

    /** Uniform on [low, high) drawn from {@code g} on {@code device}. */
    public static Tensor uniform(Generator g, Device device, DType dtype, double low, double high, int... shape) {
        Check.arg(dtype.isFloating() && low <= high, "uniform", "needs a floating type and low <= high, found %s [%s, %s)",
                dtype, low, high);
        int n = Shape.numel("uniform", shape);
        return Backends.get(device).random().uniform(shape.clone(), dtype, low, high, g.seed(), g.advance(n));
    }

    /** Uniform on [0, 1) on the default device. */
    public static Tensor rand(Generator g, DType dtype, int... shape) {
        return uniform(g, Device.defaultDevice(), dtype, 0, 1, shape);
    }

    /** Normal(mean, std) drawn from {@code g} on {@code device}. */
    public static Tensor normal(Generator g, Device device, DType dtype, double mean, double std, int... shape) {
        Check.arg(dtype.isFloating() && std >= 0, "normal", "needs a floating type and std >= 0, found %s std=%s",
                dtype, std);
        int n = Shape.numel("normal", shape);
        return Backends.get(device).random().normal(shape.clone(), dtype, mean, std, g.seed(), g.advance(n));
    }

    /** Standard normal on the default device. */
    public static Tensor randn(Generator g, DType dtype, int... shape) {
        return normal(g, Device.defaultDevice(), dtype, 0, 1, shape);
    }

    /** INT32 uniform on [low, high) on the default device. */
    public static Tensor randint(Generator g, int low, int high, int... shape) {
        Check.arg(low < high, "randint", "empty range [%d, %d)", low, high);
        int n = Shape.numel("randint", shape);
        return Backends.get(Device.defaultDevice()).random().randint(shape.clone(), low, high, g.seed(), g.advance(n));
    }

    /** 1 with probability p (as BOOL or a floating type) on the default device. */
    public static Tensor bernoulli(Generator g, double p, DType dtype, int... shape) {
        Check.arg(p >= 0 && p <= 1, "bernoulli", "probability %s outside [0, 1]", p);
        Check.arg(dtype != DType.INT32, "bernoulli", "expected BOOL or a floating type, found INT32");
        int n = Shape.numel("bernoulli", shape);
        return Backends.get(Device.defaultDevice()).random().bernoulli(shape.clone(), dtype, p, g.seed(), g.advance(n));
    }

    /** A random permutation of {@code 0..n-1} (INT32): the stable argsort of n FLOAT64 uniforms. */
    public static Tensor randperm(Generator g, int n) {
        Check.nonNegative("randperm", "n", n);
        return uniform(g, Device.defaultDevice(), DType.FLOAT64, 0, 1, n).argsort(0, false);
    }

    // ---------------------------------------------------------------- host transfer and conversion

    /** Elements as doubles, row-major. */
    public double[] toDoubleArray() {
        return backend().memory().toDoubles(this);
    }

    /** Elements as floats, row-major. */
    public float[] toFloatArray() {
        return backend().memory().toFloats(this);
    }

    /** Elements as ints (floats truncated), row-major. */
    public int[] toIntArray() {
        return backend().memory().toInts(this);
    }

    /** Elements as booleans (non-zero is true), row-major. */
    public boolean[] toBooleanArray() {
        int[] ints = toIntArray();
        boolean[] out = new boolean[ints.length];
        for (int i = 0; i < ints.length; i++) {
            out[i] = ints[i] != 0;
        }
        return out;
    }

    /** The single element of a one-element tensor. */
    public double item() {
        Check.arg(numel() == 1, "item", "expected one element, found shape %s", Shape.str(shape));
        return toDoubleArray()[0];
    }

    /** This tensor on another device (a copy through the host); itself when already there. */
    public Tensor to(Device target) {
        if (target.equals(device())) {
            return this;
        }
        Backend dst = Backends.get(target);
        return switch (dtype()) {
            case FLOAT32 -> dst.memory().fromFloats(toFloatArray(), shape.clone());
            case FLOAT64 -> dst.memory().fromDoubles(toDoubleArray(), shape.clone(), DType.FLOAT64);
            case INT32, BOOL -> dst.memory().fromInts(toIntArray(), shape.clone(), dtype());
        };
    }

    /** This tensor converted to {@code target}; itself when already of that type. */
    public Tensor to(DType target) {
        return target == dtype() ? this : backend().memory().cast(this, target);
    }

    /** A contiguous tensor with the same elements: itself when already contiguous. */
    public Tensor contiguous() {
        return isContiguous() ? this : backend().memory().contiguous(this);
    }

    // ---------------------------------------------------------------- views

    /** Same elements in a new shape (one size may be -1); a view when contiguous, else a copy. */
    public Tensor reshape(int... newShape) {
        int[] s = inferShape("reshape", newShape);
        Tensor src = contiguous();
        return new Tensor(src.storage, s, Shape.contiguousStrides(s), src.offset);
    }

    /** Like {@link #reshape} but never copies: fails on a non-contiguous tensor. */
    public Tensor view(int... newShape) {
        Check.arg(isContiguous(), "view", "tensor with shape %s and strides %s is not contiguous; use reshape",
                Shape.str(shape), Shape.str(strides));
        return reshape(newShape);
    }

    /** Flattens dimensions {@code start..end} (inclusive) into one. */
    public Tensor flatten(int start, int end) {
        if (shape.length == 0) {
            return reshape(1);
        }
        int s = Shape.axis("flatten", start, shape.length);
        int e = Shape.axis("flatten", end, shape.length);
        Check.arg(s <= e, "flatten", "start %d after end %d", start, end);
        int[] out = new int[shape.length - (e - s)];
        int k = 0;
        for (int i = 0; i < s; i++) {
            out[k++] = shape[i];
        }
        int merged = 1;
        for (int i = s; i <= e; i++) {
            merged *= shape[i];
        }
        out[k++] = merged;
        for (int i = e + 1; i < shape.length; i++) {
            out[k++] = shape[i];
        }
        return reshape(out);
    }

    /** All dimensions into one. */
    public Tensor flatten() {
        return flatten(0, -1);
    }

    /** Reorders dimensions: result dimension i is this tensor's dimension {@code dims[i]}. */
    public Tensor permute(int... dims) {
        Check.arg(dims.length == shape.length, "permute", "%s does not permute the %d dimensions of %s",
                Arrays.toString(dims), shape.length, Shape.str(shape));
        boolean[] seen = new boolean[dims.length];
        int[] s = new int[dims.length];
        int[] st = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            int d = Shape.axis("permute", dims[i], shape.length);
            Check.arg(!seen[d], "permute", "dimension %d repeated in %s", d, Arrays.toString(dims));
            seen[d] = true;
            s[i] = shape[d];
            st[i] = strides[d];
        }
        return new Tensor(storage, s, st, offset);
    }

    /** Swaps two dimensions. */
    public Tensor transpose(int a, int b) {
        int[] dims = new int[shape.length];
        Arrays.setAll(dims, i -> i);
        int x = Shape.axis("transpose", a, shape.length);
        int y = Shape.axis("transpose", b, shape.length);
        dims[x] = y;
        dims[y] = x;
        return permute(dims);
    }

    /** Swaps the last two dimensions (matrix transpose of each batch element). */
    public Tensor mT() {
        Check.arg(shape.length >= 2, "mT", "needs rank >= 2, found shape %s", Shape.str(shape));
        return transpose(-2, -1);
    }

    /** Elements {@code start .. start+length-1} along {@code dim}. */
    public Tensor narrow(int dim, int start, int length) {
        int d = Shape.axis("narrow", dim, shape.length);
        Check.arg(start >= 0 && length >= 0 && start + (long) length <= shape[d], "narrow",
                "range [%d, %d) outside dimension %d of size %d (shape %s)", start, start + length, d, shape[d],
                Shape.str(shape));
        int[] s = shape.clone();
        s[d] = length;
        return new Tensor(storage, s, strides.clone(), offset + start * strides[d]);
    }

    /** Every {@code step}-th element of {@code [start, end)} along {@code dim}. */
    public Tensor slice(int dim, int start, int end, int step) {
        int d = Shape.axis("slice", dim, shape.length);
        Check.arg(step > 0, "slice", "step must be positive, found %d", step);
        Check.arg(0 <= start && start <= end && end <= shape[d], "slice",
                "range [%d, %d) outside dimension %d of size %d", start, end, d, shape[d]);
        int[] s = shape.clone();
        int[] st = strides.clone();
        s[d] = (end - start + step - 1) / step;
        st[d] = strides[d] * step;
        return new Tensor(storage, s, st, offset + start * strides[d]);
    }

    /** The slice at {@code index} along {@code dim}, with that dimension removed. */
    public Tensor select(int dim, int index) {
        int d = Shape.axis("select", dim, shape.length);
        Check.arg(index >= 0 && index < shape[d], "select", "index %d outside dimension %d of size %d", index, d,
                shape[d]);
        return narrow(d, index, 1).squeeze(d);
    }

    /** Broadcasts size-1 dimensions (and new leading ones) to {@code target}; -1 keeps a size. Stride 0, no copy. */
    public Tensor expand(int... target) {
        Check.arg(target.length >= shape.length, "expand", "cannot expand shape %s to fewer dimensions %s",
                Shape.str(shape), Shape.str(target));
        int lead = target.length - shape.length;
        int[] s = new int[target.length];
        int[] st = new int[target.length];
        for (int i = 0; i < target.length; i++) {
            int own = i < lead ? 1 : shape[i - lead];
            int want = target[i] == -1 && i >= lead ? own : target[i];
            Check.arg(want >= 0, "expand", "invalid size %d in %s", target[i], Shape.str(target));
            Check.arg(own == want || own == 1, "expand", "cannot expand shape %s to %s (dimension %d: %d vs %d)",
                    Shape.str(shape), Shape.str(target), i, own, want);
            s[i] = want;
            st[i] = i < lead || (own == 1 && want != 1) ? 0 : strides[i - lead];
        }
        Shape.numel("expand", s);
        return new Tensor(storage, s, st, offset);
    }

    /** Removes dimension {@code dim}, which must have size 1. */
    public Tensor squeeze(int dim) {
        int d = Shape.axis("squeeze", dim, shape.length);
        Check.arg(shape[d] == 1, "squeeze", "dimension %d has size %d, not 1 (shape %s)", d, shape[d],
                Shape.str(shape));
        return new Tensor(storage, remove(shape, d), remove(strides, d), offset);
    }

    /** Removes every size-1 dimension. */
    public Tensor squeeze() {
        Tensor t = this;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] == 1) {
                t = t.squeeze(d);
            }
        }
        return t;
    }

    /** Inserts a size-1 dimension at {@code dim} (0..rank; negative counts from rank+1). */
    public Tensor unsqueeze(int dim) {
        int d = Shape.axis("unsqueeze", dim, shape.length + 1);
        int stride = d < shape.length ? shape[d] * strides[d] : 1;
        return new Tensor(storage, insert(shape, d, 1), insert(strides, d, stride), offset);
    }

    /** Consecutive views of {@code size} elements along {@code dim} (the last may be shorter). */
    public List<Tensor> split(int size, int dim) {
        int d = Shape.axis("split", dim, shape.length);
        Check.positive("split", "split size", size);
        List<Tensor> parts = new ArrayList<>();
        for (int start = 0; start < shape[d] || (start == 0 && shape[d] == 0); start += size) {
            parts.add(narrow(d, start, Math.min(size, shape[d] - start)));
            if (shape[d] == 0) {
                break;
            }
        }
        return parts;
    }

    // ---------------------------------------------------------------- elementwise

    /** Applies a primitive unary function. */
    public Tensor apply(UnaryOp op) {
        Check.numeric(op.opName(), this);
        return backend().elementwise().unary(op, this);
    }

    public Tensor neg() {
        return apply(UnaryOp.NEG);
    }

    public Tensor abs() {
        return apply(UnaryOp.ABS);
    }

    public Tensor sign() {
        return apply(UnaryOp.SIGN);
    }

    public Tensor exp() {
        return apply(UnaryOp.EXP);
    }

    public Tensor log() {
        return apply(UnaryOp.LOG);
    }

    public Tensor sqrt() {
        return apply(UnaryOp.SQRT);
    }

    public Tensor rsqrt() {
        return apply(UnaryOp.RSQRT);
    }

    public Tensor tanh() {
        return apply(UnaryOp.TANH);
    }

    public Tensor sigmoid() {
        return apply(UnaryOp.SIGMOID);
    }

    public Tensor relu() {
        return apply(UnaryOp.RELU);
    }

    /** {@code log(1 + exp(x))}, computed without overflow. */
    public Tensor softplus() {
        return apply(UnaryOp.SOFTPLUS);
    }

    public Tensor floor() {
        return apply(UnaryOp.FLOOR);
    }

    public Tensor ceil() {
        return apply(UnaryOp.CEIL);
    }

    /** {@code min(max(x, lo), hi)}; pass ±infinity to leave a side open. */
    public Tensor clamp(double lo, double hi) {
        Check.numeric("clamp", this);
        Check.arg(!(lo > hi), "clamp", "lower bound %s above upper bound %s", lo, hi);
        boolean intBounds = (fitsInt(lo) || Double.isInfinite(lo)) && (fitsInt(hi) || Double.isInfinite(hi));
        Tensor x = dtype().isFloating() || intBounds ? this : to(dtype().floating());
        return backend().elementwise().clamp(x, lo, hi);
    }

    /** True for a scalar an INT32 tensor can take without becoming floating: an integer within int range. */
    private static boolean fitsInt(double s) {
        return s == Math.rint(s) && Math.abs(s) <= Integer.MAX_VALUE;
    }

    /** Applies a primitive binary op with broadcasting and type promotion. */
    public Tensor apply(BinaryOp op, Tensor other) {
        String name = op.opName();
        Tensor[] ab = broadcastPair(name, this, other);
        DType t = DType.promote(ab[0].dtype(), ab[1].dtype());
        if (op == BinaryOp.DIV) {
            t = t.floating();
        }
        return backend().elementwise().binary(op, ab[0].to(t), ab[1].to(t));
    }

    /** Applies a binary op with a scalar that takes this tensor's type (weak scalar). */
    public Tensor apply(BinaryOp op, double scalar) {
        Check.numeric(op.opName(), this);
        DType t = op == BinaryOp.DIV || !fitsInt(scalar) ? dtype().floating() : dtype();
        return apply(op, full(device(), t, scalar));
    }

    public Tensor add(Tensor o) {
        return apply(BinaryOp.ADD, o);
    }

    public Tensor add(double s) {
        return apply(BinaryOp.ADD, s);
    }

    public Tensor sub(Tensor o) {
        return apply(BinaryOp.SUB, o);
    }

    public Tensor sub(double s) {
        return apply(BinaryOp.SUB, s);
    }

    public Tensor mul(Tensor o) {
        return apply(BinaryOp.MUL, o);
    }

    public Tensor mul(double s) {
        return apply(BinaryOp.MUL, s);
    }

    public Tensor div(Tensor o) {
        return apply(BinaryOp.DIV, o);
    }

    public Tensor div(double s) {
        return apply(BinaryOp.DIV, s);
    }

    public Tensor pow(Tensor o) {
        return apply(BinaryOp.POW, o);
    }

    public Tensor pow(double s) {
        return apply(BinaryOp.POW, s);
    }

    public Tensor maximum(Tensor o) {
        return apply(BinaryOp.MAXIMUM, o);
    }

    public Tensor minimum(Tensor o) {
        return apply(BinaryOp.MINIMUM, o);
    }

    /** Elementwise comparison with broadcasting; a BOOL mask. */
    public Tensor compare(CompareOp op, Tensor other) {
        Tensor[] ab = broadcastPair(op.opName(), this, other);
        DType t = DType.promote(ab[0].dtype(), ab[1].dtype());
        return backend().elementwise().compare(op, ab[0].to(t), ab[1].to(t));
    }

    /** Comparison with a scalar. */
    public Tensor compare(CompareOp op, double scalar) {
        // an INT32 tensor against a non-integer (or out-of-range) scalar compares in FLOAT64, exactly
        DType t = dtype().isFloating() || fitsInt(scalar) ? dtype() : DType.FLOAT64;
        return compare(op, full(device(), t, scalar));
    }

    public Tensor eq(Tensor o) {
        return compare(CompareOp.EQ, o);
    }

    public Tensor ne(Tensor o) {
        return compare(CompareOp.NE, o);
    }

    public Tensor lt(Tensor o) {
        return compare(CompareOp.LT, o);
    }

    public Tensor le(Tensor o) {
        return compare(CompareOp.LE, o);
    }

    public Tensor gt(Tensor o) {
        return compare(CompareOp.GT, o);
    }

    public Tensor ge(Tensor o) {
        return compare(CompareOp.GE, o);
    }

    public Tensor gt(double s) {
        return compare(CompareOp.GT, s);
    }

    public Tensor lt(double s) {
        return compare(CompareOp.LT, s);
    }

    public Tensor eq(double s) {
        return compare(CompareOp.EQ, s);
    }

    /** {@code cond ? a : b} with broadcasting over all three; a and b are promoted to a common type. */
    public static Tensor where(Tensor cond, Tensor a, Tensor b) {
        Check.arg(cond.dtype() == DType.BOOL, "where", "condition must be BOOL, found %s", cond.dtype());
        Check.sameDevice("where", cond, a);
        Check.sameDevice("where", a, b);
        int[] s = Shape.broadcast("where", Shape.broadcast("where", cond.shape, a.shape), b.shape);
        DType t = DType.promote(a.dtype(), b.dtype());
        return cond.backend().elementwise().where(cond.expand(s), a.to(t).expand(s), b.to(t).expand(s));
    }

    // ---------------------------------------------------------------- reductions

    /** Sum, mean, max or min over {@code axes} (empty: all). */
    public Tensor reduce(ReduceOp op, int[] axes, boolean keepDim) {
        String name = op.opName();
        Check.numeric(name, this);
        int[] ax = Shape.axes(name, axes, shape.length);
        if (op == ReduceOp.MAX || op == ReduceOp.MIN) {
            for (int a : ax) {
                Check.arg(shape[a] > 0, name, "cannot reduce the empty dimension %d of shape %s", a, Shape.str(shape));
            }
        }
        Tensor x = op == ReduceOp.MEAN ? to(dtype().floating()) : this;
        if (ax.length == 0) {
            return x; // a rank-0 tensor: nothing to reduce
        }
        return backend().reduction().reduce(op, x, ax, keepDim);
    }

    public Tensor sum() {
        return reduce(ReduceOp.SUM, null, false);
    }

    public Tensor sum(int[] axes, boolean keepDim) {
        return reduce(ReduceOp.SUM, axes, keepDim);
    }

    public Tensor mean() {
        return reduce(ReduceOp.MEAN, null, false);
    }

    public Tensor mean(int[] axes, boolean keepDim) {
        return reduce(ReduceOp.MEAN, axes, keepDim);
    }

    /** Maximum over {@code axes} (values only). */
    public Tensor amax(int[] axes, boolean keepDim) {
        return reduce(ReduceOp.MAX, axes, keepDim);
    }

    /** Minimum over {@code axes} (values only). */
    public Tensor amin(int[] axes, boolean keepDim) {
        return reduce(ReduceOp.MIN, axes, keepDim);
    }

    /** Position (INT32) of the first maximum along {@code axis}. */
    public Tensor argmax(int axis, boolean keepDim) {
        return argExtremum("argmax", axis, keepDim, true);
    }

    /** Position (INT32) of the first minimum along {@code axis}. */
    public Tensor argmin(int axis, boolean keepDim) {
        return argExtremum("argmin", axis, keepDim, false);
    }

    /** Maximum along {@code axis} with the position of its first occurrence. */
    public ValuesIndices max(int axis, boolean keepDim) {
        return new ValuesIndices(amax(new int[] {axis}, keepDim), argmax(axis, keepDim));
    }

    /** Minimum along {@code axis} with the position of its first occurrence. */
    public ValuesIndices min(int axis, boolean keepDim) {
        return new ValuesIndices(amin(new int[] {axis}, keepDim), argmin(axis, keepDim));
    }

    private Tensor argExtremum(String name, int axis, boolean keepDim, boolean max) {
        Check.numeric(name, this);
        int a = Shape.axis(name, axis, shape.length);
        Check.arg(shape[a] > 0, name, "cannot reduce the empty dimension %d of shape %s", a, Shape.str(shape));
        return backend().reduction().argExtremum(this, a, keepDim, max);
    }

    /** Variance over {@code axes} with divisor {@code n − correction} (1 = unbiased, 0 = population). */
    public Tensor var(int[] axes, int correction, boolean keepDim) {
        Check.floating("var", this);
        Check.nonNegative("var", "correction", correction);
        return backend().reduction().variance(this, Shape.axes("var", axes, shape.length), correction, keepDim);
    }

    /** p-norm over {@code axes} (empty: all); p = 0 counts non-zeros, p = infinity is max |x|. */
    public Tensor norm(double p, int[] axes, boolean keepDim) {
        Check.floating("norm", this);
        Check.arg(p >= 0, "norm", "order p must be >= 0, found %s", p);
        return backend().reduction().norm(this, p, Shape.axes("norm", axes, shape.length), keepDim);
    }

    // ---------------------------------------------------------------- linear algebra, softmax

    /**
     * Matrix product with PyTorch's rules: 1-D operands are promoted to matrices and the added dimension removed,
     * batch dimensions broadcast.
     */
    public Tensor matmul(Tensor other) {
        Check.numeric("matmul", this);
        Check.numeric("matmul", other);
        Check.sameDevice("matmul", this, other);
        Check.arg(dim() >= 1 && other.dim() >= 1, "matmul", "operands must be at least 1-D, found %s and %s",
                Shape.str(shape), Shape.str(other.shape));
        Tensor a = dim() == 1 ? unsqueeze(0) : this;
        Tensor b = other.dim() == 1 ? other.unsqueeze(1) : other;
        int k = a.shape(-1);
        Check.arg(k == b.shape(-2), "matmul", "inner dimensions differ: %s @ %s", Shape.str(shape),
                Shape.str(other.shape));
        int[] batchA = Arrays.copyOf(a.shape, a.dim() - 2);
        int[] batchB = Arrays.copyOf(b.shape, b.dim() - 2);
        int[] batch;
        try {
            batch = Shape.broadcast("matmul", batchA, batchB);
        } catch (IllegalArgumentException e) { // name the operands' shapes, not just their batch parts
            throw new IllegalArgumentException("matmul: batch dimensions of " + Shape.str(shape) + " @ "
                    + Shape.str(other.shape) + " cannot be broadcast (" + Shape.str(batchA) + " vs "
                    + Shape.str(batchB) + ")", e);
        }
        DType t = DType.promote(a.dtype(), b.dtype());
        Shape.numel("matmul", concat(batch, a.shape(-2), b.shape(-1)));
        Tensor out = backend().linalg().matmul(a.to(t).expand(concat(batch, a.shape(-2), k)),
                b.to(t).expand(concat(batch, k, b.shape(-1))));
        if (dim() == 1) {
            out = out.squeeze(-2);
        }
        return other.dim() == 1 ? out.squeeze(-1) : out;
    }

    public Tensor softmax(int axis) {
        Check.floating("softmax", this);
        return backend().softmax().softmax(this, Shape.axis("softmax", axis, shape.length));
    }

    public Tensor logSoftmax(int axis) {
        Check.floating("log_softmax", this);
        return backend().softmax().logSoftmax(this, Shape.axis("log_softmax", axis, shape.length));
    }

    // ---------------------------------------------------------------- indexing and ordering

    /** {@code out[..., i, ...] = x[..., index[..., i, ...], ...]} along {@code axis}; index has this tensor's rank. */
    public Tensor gather(int axis, Tensor index) {
        Check.indices("gather", index);
        Check.sameDevice("gather", this, index);
        int a = Shape.axis("gather", axis, shape.length);
        checkIndexShape("gather", index, a);
        return backend().index().gather(this, a, index);
    }

    /** A copy with {@code src} added at {@code index} along {@code axis} (the reverse of gather). */
    public Tensor scatterAdd(int axis, Tensor index, Tensor src) {
        Check.indices("scatter_add", index);
        Check.sameDevice("scatter_add", this, index);
        Check.sameDevice("scatter_add", this, src);
        int a = Shape.axis("scatter_add", axis, shape.length);
        checkIndexShape("scatter_add", index, a);
        Check.arg(src.dim() == index.dim(), "scatter_add", "src %s and index %s differ in rank", Shape.str(src.shape),
                Shape.str(index.shape));
        for (int d = 0; d < index.dim(); d++) {
            Check.arg(index.shape[d] <= src.shape[d], "scatter_add", "index %s larger than src %s in dimension %d",
                    Shape.str(index.shape), Shape.str(src.shape), d);
        }
        return backend().index().scatterAdd(this, a, index, src.to(dtype()));
    }

    /** The slices at the 1-D INT32 {@code index} along {@code axis}. */
    public Tensor indexSelect(int axis, Tensor index) {
        Check.indices("index_select", index);
        Check.sameDevice("index_select", this, index);
        Check.arg(index.dim() == 1, "index_select", "index must be 1-D, found shape %s", Shape.str(index.shape));
        return backend().index().indexSelect(this, Shape.axis("index_select", axis, shape.length), index);
    }

    /** One-hot encoding of INT32 class indices: a new last axis of {@code numClasses}. */
    public static Tensor oneHot(Tensor index, int numClasses, DType dtype) {
        Check.indices("one_hot", index);
        Check.positive("one_hot", "number of classes", numClasses);
        Shape.numel("one_hot", concat(index.shape, numClasses));
        return index.backend().index().oneHot(index, numClasses, dtype);
    }

    /** The k largest (or smallest) along {@code axis}, with positions. */
    public ValuesIndices topk(int k, int axis, boolean largest, boolean sorted) {
        Check.numeric("topk", this);
        int a = Shape.axis("topk", axis, shape.length);
        Check.arg(k >= 0 && k <= shape[a], "topk", "k = %d outside [0, %d] for dimension %d of shape %s", k, shape[a],
                a, Shape.str(shape));
        return backend().index().topk(this, k, a, largest, sorted);
    }

    /** Stable sort along {@code axis}, with the original positions. */
    public ValuesIndices sort(int axis, boolean descending) {
        Check.numeric("sort", this);
        return backend().index().sort(this, Shape.axis("sort", axis, shape.length), descending);
    }

    /** Positions that sort this tensor along {@code axis} (stable). */
    public Tensor argsort(int axis, boolean descending) {
        return sort(axis, descending).indices();
    }

    // ---------------------------------------------------------------- joining and padding

    /** Concatenation along {@code axis}; types are promoted to a common one. */
    public static Tensor cat(List<Tensor> parts, int axis) {
        Check.arg(!parts.isEmpty(), "cat", "needs at least one tensor");
        Tensor first = parts.get(0);
        int a = Shape.axis("cat", axis, first.dim());
        DType t = first.dtype();
        for (Tensor p : parts) {
            Check.sameDevice("cat", first, p);
            Check.arg(p.dim() == first.dim(), "cat", "ranks differ: %s vs %s", Shape.str(first.shape), Shape.str(p.shape));
            for (int d = 0; d < p.dim(); d++) {
                Check.arg(d == a || p.shape[d] == first.shape[d], "cat",
                        "shapes %s and %s differ outside axis %d", Shape.str(first.shape), Shape.str(p.shape), a);
            }
            t = DType.promote(t, p.dtype());
        }
        DType common = t;
        Tensor[] arr = parts.stream().map(p -> p.to(common)).toArray(Tensor[]::new);
        return first.backend().layout().cat(arr, a);
    }

    /** Stacks equal-shaped tensors along a new axis. */
    public static Tensor stack(List<Tensor> parts, int axis) {
        Check.arg(!parts.isEmpty(), "stack", "needs at least one tensor");
        int a = Shape.axis("stack", axis, parts.get(0).dim() + 1);
        for (Tensor p : parts) {
            Check.arg(Arrays.equals(p.shape, parts.get(0).shape), "stack", "shapes differ: %s vs %s",
                    Shape.str(parts.get(0).shape), Shape.str(p.shape));
        }
        return cat(parts.stream().map(p -> p.unsqueeze(a)).toList(), a);
    }

    /**
     * Pads trailing dimensions; {@code pads} lists (before, after) pairs from the last dimension backwards, as in
     * PyTorch's {@code F.pad}. Reflect needs each pad smaller than its dimension.
     */
    public Tensor pad(int[] pads, PadMode mode, double value) {
        paddedShape(pads, mode);
        return backend().layout().pad(this, pads.clone(), mode, value);
    }

    /** Zero padding. */
    public Tensor pad(int... pads) {
        return pad(pads, PadMode.CONSTANT, 0);
    }

    /** Validates {@code pads} for this tensor and returns the padded shape. */
    public int[] paddedShape(int[] pads, PadMode mode) {
        Check.arg(pads.length % 2 == 0 && pads.length / 2 <= shape.length, "pad",
                "pads %s must hold (before, after) pairs for at most %d dimensions", Arrays.toString(pads), shape.length);
        int[] out = shape.clone();
        for (int i = 0; i < pads.length / 2; i++) {
            int d = shape.length - 1 - i;
            int before = pads[2 * i];
            int after = pads[2 * i + 1];
            Check.nonNegative("pad", "padding", before, after);
            Check.arg(mode != PadMode.REFLECT || (before < shape[d] && after < shape[d]), "pad",
                    "reflect padding (%d, %d) must be smaller than dimension %d of size %d", before, after, d, shape[d]);
            Check.arg(mode == PadMode.CONSTANT || shape[d] > 0, "pad", "%s padding of the empty dimension %d", mode, d);
            out[d] = shape[d] + before + after;
        }
        Shape.numel("pad", out);
        return out;
    }

    // ---------------------------------------------------------------- helpers

    private int[] inferShape(String op, int[] newShape) {
        int n = numel();
        int unknown = -1;
        long known = 1;
        for (int i = 0; i < newShape.length; i++) {
            if (newShape[i] == -1) {
                Check.arg(unknown < 0, op, "more than one -1 in %s", Shape.str(newShape));
                unknown = i;
            } else {
                Check.arg(newShape[i] >= 0, op, "negative size in %s", Shape.str(newShape));
                known *= newShape[i];
            }
        }
        int[] out = newShape.clone();
        if (unknown >= 0) {
            Check.arg(known > 0 && n % known == 0, op, "cannot infer -1 in %s for %d elements", Shape.str(newShape), n);
            out[unknown] = (int) (n / known);
            known *= out[unknown];
        }
        Check.arg(known == n, op, "shape %s has %d elements, tensor %s has %d", Shape.str(newShape), known,
                Shape.str(shape), n);
        return out;
    }

    private void checkIndexShape(String op, Tensor index, int axis) {
        Check.arg(index.dim() == dim(), op, "index %s and input %s differ in rank", Shape.str(index.shape),
                Shape.str(shape));
        for (int d = 0; d < dim(); d++) {
            Check.arg(d == axis || index.shape[d] <= shape[d], op,
                    "index %s larger than input %s in dimension %d", Shape.str(index.shape), Shape.str(shape), d);
        }
    }

    private static Tensor[] broadcastPair(String op, Tensor a, Tensor b) {
        Check.numeric(op, a);
        Check.numeric(op, b);
        Check.sameDevice(op, a, b);
        int[] s = Shape.broadcast(op, a.shape, b.shape);
        return new Tensor[] {a.expand(s), b.expand(s)};
    }

    private static void checkLength(String op, int length, int[] shape) {
        int n = Shape.numel(op, shape);
        Check.arg(n == length, op, "%d values do not fill shape %s (%d elements)", length, Shape.str(shape), n);
    }

    static int[] concat(int[] head, int... tail) {
        int[] out = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, out, head.length, tail.length);
        return out;
    }

    private static int[] remove(int[] a, int i) {
        int[] out = new int[a.length - 1];
        System.arraycopy(a, 0, out, 0, i);
        System.arraycopy(a, i + 1, out, i, a.length - i - 1);
        return out;
    }

    private static int[] insert(int[] a, int i, int v) {
        int[] out = new int[a.length + 1];
        System.arraycopy(a, 0, out, 0, i);
        out[i] = v;
        System.arraycopy(a, i, out, i + 1, a.length - i);
        return out;
    }

    @Override
    public String toString() {
        String head = "Tensor" + Shape.str(shape) + " " + dtype() + " " + device();
        if (numel() > 64) {
            return head;
        }
        return head + " " + (dtype().isFloating() ? Arrays.toString(toDoubleArray()) : Arrays.toString(toIntArray()));
    }
}
