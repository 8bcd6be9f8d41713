package sabre.attacks.baselines;

import sabre.tensor.DType;
import sabre.tensor.Generator;
import sabre.tensor.Tensor;

import java.util.Arrays;

/**
 * Small per-sample helpers the baselines share: a per-image flag broadcast over [N, C, H, W], per-image uniform draws,
 * and per-image scalars as a broadcastable tensor.
 *
 * <pre>{@code Tensor keep = PerImage.flags(done, images); Tensor u = PerImage.uniform(generators, images);}</pre>
 */
final class PerImage {
    private PerImage() {
    }

    /** BOOL [N, 1, ..., 1] with the rank of {@code like}: {@code flags[n]} for every element of sample n. */
    static Tensor flags(boolean[] flags, Tensor like) {
        return Tensor.ofBools(flags, broadcastShape(flags.length, like)).to(like.device()).to(DType.BOOL);
    }

    /** {@code values[n]} as a tensor [N, 1, ..., 1] of {@code like}'s type, rank and device. */
    static Tensor scalars(double[] values, Tensor like) {
        return Tensor.fromDoubles(like.device(), like.dtype(), values, broadcastShape(values.length, like));
    }

    /** Uniform draws in [0, 1) of {@code like}'s shape, sample n drawn from {@code perImage[n]} alone. */
    static Tensor uniform(Generator[] perImage, Tensor like) {
        int[] one = like.shape().clone();
        one[0] = 1;
        Tensor[] parts = new Tensor[perImage.length];
        for (int n = 0; n < parts.length; n++) {
            parts[n] = Tensor.uniform(perImage[n], like.device(), like.dtype(), 0, 1, one);
        }
        return Tensor.cat(Arrays.asList(parts), 0);
    }

    private static int[] broadcastShape(int n, Tensor like) {
        int[] shape = new int[like.dim()];
        Arrays.fill(shape, 1);
        shape[0] = n;
        return shape;
    }
}
