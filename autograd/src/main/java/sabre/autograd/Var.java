package sabre.autograd;

import sabre.autograd.rules.BinaryRules;
import sabre.autograd.rules.IndexRules;
import sabre.autograd.rules.NNRules;
import sabre.autograd.rules.ReductionRules;
import sabre.autograd.rules.ShapeRules;
import sabre.autograd.rules.UnaryRules;
import sabre.tensor.BinaryOp;
import sabre.tensor.DType;
import sabre.tensor.Device;
import sabre.tensor.PadMode;
import sabre.tensor.ReduceOp;
import sabre.tensor.Tensor;
import sabre.tensor.UnaryOp;

import java.util.List;

/**
 * A tensor in the autograd graph: a value, whether it requires a gradient, and — unless it is a leaf — the
 * recorded op that produced it. Leaves created with {@link #param} accumulate gradients on {@link #backward()};
 * {@link Autograd#grad} returns gradients for chosen inputs without touching any leaf.
 *
 * <pre>{@code
 * Var w = Var.param(Tensor.of(new double[] {0.5, -1}, 2));
 * Var x = Var.of(Tensor.of(new double[] {3, 4}, 2));
 * Var loss = w.mul(x).sum();
 * loss.backward();              // w.grad() = [3, 4]
 * }</pre>
 */
public final class Var {
    private Tensor value;
    private final boolean requiresGrad;
    final Node node;
    private Tensor grad;
    private String name;

    private Var(Tensor value, boolean requiresGrad) {
        this.value = value;
        this.requiresGrad = requiresGrad;
        this.node = null;
    }

    Var(Tensor value, Node node) {
        this.value = value;
        this.requiresGrad = true;
        this.node = node;
    }

    /** A constant: no gradient flows into it. */
    public static Var of(Tensor value) {
        return new Var(value, false);
    }

    /** A leaf that requires a gradient (a parameter, or an input an attack differentiates). */
    public static Var param(Tensor value) {
        sabre.tensor.Check.floating("param", value);
        return new Var(value, true);
    }

    public Tensor value() {
        return value;
    }

    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** True for vars not produced by a recorded op. */
    public boolean isLeaf() {
        return node == null;
    }

    /** The gradient accumulated by {@link #backward()} (leaves only), or null. */
    public Tensor grad() {
        return grad;
    }

    /** Clears the accumulated gradient. */
    public void zeroGrad() {
        grad = null;
    }

    /** Replaces the accumulated gradient (optimizers, clipping). */
    public void setGrad(Tensor g) {
        sabre.tensor.Check.arg(g == null || (java.util.Arrays.equals(g.shape(), value.shape())
                        && g.dtype() == value.dtype() && g.device().equals(value.device())), "setGrad",
                "gradient %s differs from value %s in shape, type or device", g, value);
        grad = g;
    }

    /**
     * Replaces a leaf's value (an optimizer step, loading weights, moving to a device) by one of the same shape and
     * type. Graphs already recorded keep the tensor they captured, since tensors are immutable. The accumulated
     * gradient is kept, and moved along with a device change.
     */
    public void assign(Tensor newValue) {
        sabre.tensor.Check.arg(node == null, "assign", "only a leaf can be assigned, not the output of '%s'", op());
        sabre.tensor.Check.arg(java.util.Arrays.equals(newValue.shape(), value.shape()), "assign",
                "new value has shape %s but the var has shape %s", java.util.Arrays.toString(newValue.shape()),
                java.util.Arrays.toString(value.shape()));
        sabre.tensor.Check.arg(newValue.dtype() == value.dtype(), "assign", "new value is %s but the var is %s",
                newValue.dtype(), value.dtype());
        value = newValue;
        if (grad != null && !grad.device().equals(newValue.device())) {
            grad = grad.to(newValue.device());
        }
    }

    /**
     * Converts a leaf's value, and its accumulated gradient, to another floating type (PyTorch's
     * {@code module.double()} on one parameter); graphs already recorded keep the old tensors.
     */
    public void convert(DType dtype) {
        sabre.tensor.Check.arg(node == null, "convert", "only a leaf can be converted, not the output of '%s'", op());
        sabre.tensor.Check.arg(dtype.isFloating() || !requiresGrad, "convert",
                "a var that requires a gradient must stay floating, not become %s", dtype);
        value = value.to(dtype);
        grad = grad == null ? null : grad.to(dtype);
    }

    void accumulate(Tensor g) {
        grad = grad == null ? g.contiguous() : grad.add(g);
    }

    /** A name shown in graph prints. */
    public Var named(String name) {
        this.name = name;
        return this;
    }

    public String name() {
        return name;
    }

    /** The recorded op's name, or {@code "leaf"}. */
    public String op() {
        return node == null ? "leaf" : node.op;
    }

    /** The same value cut from the graph. */
    public Var detach() {
        return of(value);
    }

    /** Back-propagates from this one-element var, accumulating into leaves; frees the graph. */
    public void backward() {
        Autograd.backward(this, null, false);
    }

    /** Back-propagates with an explicit ∂L/∂this; keeps the graph when {@code retainGraph}. */
    public void backward(Tensor gradOutput, boolean retainGraph) {
        Autograd.backward(this, gradOutput, retainGraph);
    }

    public int[] shape() {
        return value.shape();
    }

    // ---------------------------------------------------------------- elementwise

    public Var apply(UnaryOp op) {
        return UnaryRules.apply(op, this);
    }

    public Var neg() {
        return apply(UnaryOp.NEG);
    }

    public Var abs() {
        return apply(UnaryOp.ABS);
    }

    public Var sign() {
        return apply(UnaryOp.SIGN);
    }

    public Var exp() {
        return apply(UnaryOp.EXP);
    }

    public Var log() {
        return apply(UnaryOp.LOG);
    }

    public Var sqrt() {
        return apply(UnaryOp.SQRT);
    }

    public Var rsqrt() {
        return apply(UnaryOp.RSQRT);
    }

    public Var tanh() {
        return apply(UnaryOp.TANH);
    }

    public Var sigmoid() {
        return apply(UnaryOp.SIGMOID);
    }

    public Var relu() {
        return apply(UnaryOp.RELU);
    }

    public Var softplus() {
        return apply(UnaryOp.SOFTPLUS);
    }

    public Var floor() {
        return apply(UnaryOp.FLOOR);
    }

    public Var ceil() {
        return apply(UnaryOp.CEIL);
    }

    public Var clamp(double lo, double hi) {
        return UnaryRules.clamp(this, lo, hi);
    }

    public Var apply(BinaryOp op, Var other) {
        return BinaryRules.apply(op, this, other);
    }

    public Var add(Var o) {
        return apply(BinaryOp.ADD, o);
    }

    /**
     * {@code relu(this + o)} with broadcasting as one fused op (the residual join of a ResNet block).
     *
     * <pre>{@code Var out = branch.addRelu(shortcut);}</pre>
     */
    public Var addRelu(Var o) {
        return BinaryRules.addRelu(this, o);
    }

    public Var add(double s) {
        return BinaryRules.apply(BinaryOp.ADD, this, s);
    }

    public Var sub(Var o) {
        return apply(BinaryOp.SUB, o);
    }

    public Var sub(double s) {
        return BinaryRules.apply(BinaryOp.SUB, this, s);
    }

    public Var mul(Var o) {
        return apply(BinaryOp.MUL, o);
    }

    public Var mul(double s) {
        return BinaryRules.apply(BinaryOp.MUL, this, s);
    }

    public Var div(Var o) {
        return apply(BinaryOp.DIV, o);
    }

    public Var div(double s) {
        return BinaryRules.apply(BinaryOp.DIV, this, s);
    }

    public Var pow(Var o) {
        return apply(BinaryOp.POW, o);
    }

    public Var pow(double s) {
        return BinaryRules.apply(BinaryOp.POW, this, s);
    }

    public Var maximum(Var o) {
        return apply(BinaryOp.MAXIMUM, o);
    }

    public Var minimum(Var o) {
        return apply(BinaryOp.MINIMUM, o);
    }

    /** {@code cond ? a : b} with a constant BOOL condition. */
    public static Var where(Tensor cond, Var a, Var b) {
        return BinaryRules.where(cond, a, b);
    }

    /** Matrix product (PyTorch rules for 1-D operands). */
    public Var matmul(Var o) {
        if (value.dim() == 1 && o.value.dim() == 1) {
            return unsqueeze(0).matmul(o.unsqueeze(1)).reshape(); // dot product: a 0-d result
        }
        if (value.dim() == 1) {
            return unsqueeze(0).matmul(o).squeeze(-2);
        }
        if (o.value.dim() == 1) {
            return matmul(o.unsqueeze(1)).squeeze(-1);
        }
        return BinaryRules.matmul(this, o);
    }

    // ---------------------------------------------------------------- reductions

    public Var sum() {
        return ReductionRules.reduce(ReduceOp.SUM, this, null, false);
    }

    public Var sum(int[] axes, boolean keepDim) {
        return ReductionRules.reduce(ReduceOp.SUM, this, axes, keepDim);
    }

    public Var mean() {
        return ReductionRules.reduce(ReduceOp.MEAN, this, null, false);
    }

    public Var mean(int[] axes, boolean keepDim) {
        return ReductionRules.reduce(ReduceOp.MEAN, this, axes, keepDim);
    }

    public Var amax(int[] axes, boolean keepDim) {
        return ReductionRules.reduce(ReduceOp.MAX, this, axes, keepDim);
    }

    public Var amin(int[] axes, boolean keepDim) {
        return ReductionRules.reduce(ReduceOp.MIN, this, axes, keepDim);
    }

    public VarIndices max(int axis, boolean keepDim) {
        return ReductionRules.extremum(this, axis, keepDim, true);
    }

    public VarIndices min(int axis, boolean keepDim) {
        return ReductionRules.extremum(this, axis, keepDim, false);
    }

    public Var var(int[] axes, int correction, boolean keepDim) {
        return ReductionRules.var(this, axes, correction, keepDim);
    }

    public Var norm(double p, int[] axes, boolean keepDim) {
        return ReductionRules.norm(this, p, axes, keepDim);
    }

    // ---------------------------------------------------------------- shape

    public Var reshape(int... shape) {
        return ShapeRules.reshape(this, shape);
    }

    public Var flatten(int start, int end) {
        return reshape(value.flatten(start, end).shape());
    }

    public Var permute(int... dims) {
        return ShapeRules.permute(this, dims);
    }

    public Var transpose(int a, int b) {
        int[] dims = java.util.stream.IntStream.range(0, value.dim()).toArray();
        int x = sabre.tensor.Shape.axis("transpose", a, dims.length);
        int y = sabre.tensor.Shape.axis("transpose", b, dims.length);
        dims[x] = y;
        dims[y] = x;
        return permute(dims);
    }

    public Var expand(int... shape) {
        return ShapeRules.expand(this, shape);
    }

    public Var narrow(int dim, int start, int length) {
        return ShapeRules.narrow(this, dim, start, length);
    }

    public Var slice(int dim, int start, int end, int step) {
        return ShapeRules.slice(this, dim, start, end, step);
    }

    /** The slice at {@code index} along {@code dim}, that dimension removed. */
    public Var select(int dim, int index) {
        return narrow(dim, index, 1).squeeze(dim);
    }

    public Var squeeze(int dim) {
        return ShapeRules.squeeze(this, dim);
    }

    public Var unsqueeze(int dim) {
        return ShapeRules.unsqueeze(this, dim);
    }

    public Var contiguous() {
        return ShapeRules.contiguous(this);
    }

    public Var to(DType dtype) {
        return ShapeRules.cast(this, dtype);
    }

    public Var to(Device device) {
        return ShapeRules.to(this, device);
    }

    public List<Var> split(int size, int axis) {
        return ShapeRules.split(this, size, axis);
    }

    public Var pad(int[] pads, PadMode mode, double value) {
        return ShapeRules.pad(this, pads, mode, value);
    }

    public static Var cat(List<Var> parts, int axis) {
        return ShapeRules.cat(parts, axis);
    }

    public static Var stack(List<Var> parts, int axis) {
        return ShapeRules.stack(parts, axis);
    }

    // ---------------------------------------------------------------- indexing, softmax

    public Var gather(int axis, Tensor index) {
        return IndexRules.gather(this, axis, index);
    }

    public Var scatterAdd(int axis, Tensor index, Var src) {
        return IndexRules.scatterAdd(this, axis, index, src);
    }

    public Var indexSelect(int axis, Tensor index) {
        return IndexRules.indexSelect(this, axis, index);
    }

    public VarIndices topk(int k, int axis, boolean largest, boolean sorted) {
        return IndexRules.topk(this, k, axis, largest, sorted);
    }

    public VarIndices sort(int axis, boolean descending) {
        return IndexRules.sort(this, axis, descending);
    }

    public Var softmax(int axis) {
        return NNRules.softmax(this, axis);
    }

    public Var logSoftmax(int axis) {
        return NNRules.logSoftmax(this, axis);
    }

    @Override
    public String toString() {
        return "Var(" + (name != null ? name + ", " : "") + op() + ", " + value + ")";
    }
}
