package sabre.autograd;

import sabre.tensor.Tensor;

import java.util.Arrays;

/**
 * Broadcast-aware gradient reduction: the gradient of a broadcast operand is the output gradient summed over the
 * dimensions broadcasting added or stretched.
 *
 * <pre>{@code Tensor gb = SumToShape.apply(g, b.value().shape());}</pre>
 */
public final class SumToShape {
    private SumToShape() {
    }

    /** Sums {@code g} down to {@code shape} (which must broadcast to g's shape). */
    public static Tensor apply(Tensor g, int[] shape) {
        int[] gs = g.shape();
        if (Arrays.equals(gs, shape)) {
            return g;
        }
        int lead = gs.length - shape.length;
        int[] axes = java.util.stream.IntStream.range(0, gs.length)
                .filter(d -> d < lead || (shape[d - lead] == 1 && gs[d] != 1)).toArray();
        Tensor s = axes.length == 0 ? g : g.sum(axes, true);
        return s.reshape(shape);
    }
}
