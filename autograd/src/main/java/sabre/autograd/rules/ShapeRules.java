package sabre.autograd.rules;

import sabre.autograd.Graph;
import sabre.autograd.Var;
import sabre.tensor.DType;
import sabre.tensor.Device;
import sabre.tensor.PadMode;
import sabre.tensor.Shape;
import sabre.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * VJP rules of views, layout changes, joins, padding, casts and device moves.
 *
 * <pre>{@code Var flat = ShapeRules.reshape(x, x.value().shape(0), -1);}</pre>
 */
public final class ShapeRules {
    private ShapeRules() {
    }

    /** Same elements, new shape: dx = reshape(g, x.shape). */
    public static Var reshape(Var x, int... shape) {
        Tensor xv = x.value();
        int[] in = xv.shape();
        return Graph.record("reshape", xv.reshape(shape), Shape.str(shape),
                (g, needs) -> new Tensor[] {g.reshape(in)}, x);
    }

    /** Reordered dimensions: dx = permute(g, inverse permutation). */
    public static Var permute(Var x, int... dims) {
        Tensor y = x.value().permute(dims);
        int[] inverse = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            inverse[Shape.axis("permute", dims[i], dims.length)] = i;
        }
        return Graph.record("permute", y, Arrays.toString(dims), (g, needs) -> new Tensor[] {g.permute(inverse)}, x);
    }

    /** Broadcast view: dx = g summed over the broadcast dimensions. */
    public static Var expand(Var x, int... shape) {
        Tensor xv = x.value();
        int[] in = xv.shape();
        return Graph.record("expand", xv.expand(shape), Shape.str(shape),
                (g, needs) -> new Tensor[] {sabre.autograd.SumToShape.apply(g, in)}, x);
    }

    /** Elements {@code [start, start+length)} along {@code dim}: dx = g zero-padded back to x's size. */
    public static Var narrow(Var x, int dim, int start, int length) {
        Tensor xv = x.value();
        int d = Shape.axis("narrow", dim, xv.dim());
        int after = xv.shape(d) - start - length;
        return Graph.record("narrow", xv.narrow(d, start, length), "dim=" + d + " start=" + start + " length=" + length,
                (g, needs) -> new Tensor[] {padAxis(g, d, start, after)}, x);
    }

    /**
     * Every {@code step}-th element of {@code [start, end)}: dx = g placed back at those positions, zeros elsewhere —
     * step − 1 zeros put after each element (a padded new axis merged into {@code dim}), then padded to x's extent.
     * Copies only, no sums, as PyTorch's slice_backward.
     */
    public static Var slice(Var x, int dim, int start, int end, int step) {
        Tensor xv = x.value();
        int d = Shape.axis("slice", dim, xv.dim());
        Tensor y = xv.slice(d, start, end, step);
        return Graph.record("slice", y, "dim=" + d + " " + start + ":" + end + ":" + step, (g, needs) -> {
            Tensor spread = g;
            if (step > 1) {
                int[] merged = g.shape();
                merged[d] *= step;
                spread = padAxis(g.unsqueeze(d + 1), d + 1, 0, step - 1).reshape(merged)
                        .narrow(d, 0, Math.min(merged[d], xv.shape(d) - start));
            }
            return new Tensor[] {padAxis(spread, d, start, xv.shape(d) - start - spread.shape(d))};
        }, x);
    }

    /** {@code t} zero-padded by {@code before} and {@code after} along {@code dim}. */
    private static Tensor padAxis(Tensor t, int dim, int before, int after) {
        int[] pads = new int[2 * (t.dim() - dim)]; // (before, after) pairs from the last dimension backwards
        pads[pads.length - 2] = before;
        pads[pads.length - 1] = after;
        return t.pad(pads);
    }

    /** Removes a size-1 dimension: dx = unsqueeze(g). */
    public static Var squeeze(Var x, int dim) {
        Tensor xv = x.value();
        int[] in = xv.shape();
        return Graph.record("squeeze", xv.squeeze(dim), "dim=" + dim, (g, needs) -> new Tensor[] {g.reshape(in)}, x);
    }

    /** Inserts a size-1 dimension: dx = squeeze(g). */
    public static Var unsqueeze(Var x, int dim) {
        Tensor xv = x.value();
        int[] in = xv.shape();
        return Graph.record("unsqueeze", xv.unsqueeze(dim), "dim=" + dim, (g, needs) -> new Tensor[] {g.reshape(in)},
                x);
    }

    /** A contiguous copy: dx = g. */
    public static Var contiguous(Var x) {
        return Graph.record("contiguous", x.value().contiguous(), "", (g, needs) -> new Tensor[] {g}, x);
    }

    /** Type conversion between floating types: dx = g cast back. */
    public static Var cast(Var x, DType dtype) {
        Tensor xv = x.value();
        sabre.tensor.Check.arg(dtype.isFloating() || !x.requiresGrad(), "cast",
                "cannot differentiate through a cast to %s", dtype);
        DType in = xv.dtype();
        return Graph.record("cast", xv.to(dtype), dtype.toString(), (g, needs) -> new Tensor[] {g.to(in)}, x);
    }

    /** Device move: dx = g moved back. */
    public static Var to(Var x, Device device) {
        Tensor xv = x.value();
        Device in = xv.device();
        return Graph.record("to_device", xv.to(device), device.toString(), (g, needs) -> new Tensor[] {g.to(in)}, x);
    }

    /** Concatenation: each part's gradient is its slice of g. */
    public static Var cat(List<Var> parts, int axis) {
        List<Tensor> values = parts.stream().map(Var::value).toList();
        Tensor y = Tensor.cat(values, axis);
        int a = Shape.axis("cat", axis, y.dim());
        return Graph.record("cat", y, "axis=" + a, (g, needs) -> {
            Tensor[] out = new Tensor[parts.size()];
            int start = 0;
            for (int i = 0; i < out.length; i++) {
                int len = values.get(i).shape(a);
                out[i] = needs[i] ? g.narrow(a, start, len).to(values.get(i).dtype()) : null;
                start += len;
            }
            return out;
        }, parts.toArray(Var[]::new));
    }

    /** Stacks along a new axis (unsqueeze each, then cat). */
    public static Var stack(List<Var> parts, int axis) {
        sabre.tensor.Check.arg(!parts.isEmpty(), "stack", "needs at least one tensor");
        int a = Shape.axis("stack", axis, parts.get(0).value().dim() + 1);
        List<Var> lifted = new ArrayList<>();
        for (Var p : parts) {
            sabre.tensor.Check.arg(Arrays.equals(p.value().shape(), parts.get(0).value().shape()), "stack",
                    "shapes differ: %s vs %s", Shape.str(parts.get(0).value().shape()), Shape.str(p.value().shape()));
            lifted.add(unsqueeze(p, a));
        }
        return cat(lifted, a);
    }

    /** Consecutive pieces of {@code size} along {@code axis}, each a narrow. */
    public static List<Var> split(Var x, int size, int axis) {
        List<Var> out = new ArrayList<>();
        int d = Shape.axis("split", axis, x.value().dim());
        int start = 0;
        for (Tensor piece : x.value().split(size, d)) {
            out.add(narrow(x, d, start, piece.shape(d)));
            start += piece.shape(d);
        }
        return out;
    }

    /** Padding of the trailing dimensions: dx = the pad-backward fold of g. */
    public static Var pad(Var x, int[] pads, PadMode mode, double value) {
        Tensor xv = x.value();
        int[] in = xv.shape();
        int[] p = pads.clone();
        return Graph.record("pad", xv.pad(p, mode, value), mode + " " + Arrays.toString(p),
                (g, needs) -> new Tensor[] {g.backend().layout().padBackward(g, in, p, mode)}, x);
    }
}
