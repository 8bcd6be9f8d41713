package sabre.attacks.baselines;

import sabre.tensor.Tensor;

import java.util.Arrays;

/**
 * Images [N, ...] as one double row per image, for the per-image sequential parts of the sparse baselines (a greedy
 * pick, a coordinate solver), and back to a tensor of the original dtype and device for the model.
 *
 * <pre>{@code double[][] x = HostRows.of(images); Tensor active = HostRows.tensor(x, new int[] {0, 2}, images);}</pre>
 */
final class HostRows {
    private HostRows() {
    }

    /** One row of C·H·W values per image. */
    static double[][] of(Tensor images) {
        int n = images.shape(0);
        double[] flat = images.toDoubleArray();
        int per = n == 0 ? 0 : flat.length / n;
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            out[i] = Arrays.copyOfRange(flat, i * per, (i + 1) * per);
        }
        return out;
    }

    /** Deep copy. */
    static double[][] copy(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i].clone();
        }
        return out;
    }

    /** The rows {@code which} as a tensor [which.length, C, H, W] of {@code like}'s dtype and device. */
    static Tensor tensor(double[][] rows, int[] which, Tensor like) {
        int per = like.numel() / like.shape(0);
        double[] flat = new double[which.length * per];
        for (int i = 0; i < which.length; i++) {
            System.arraycopy(rows[which[i]], 0, flat, i * per, per);
        }
        int[] shape = like.shape().clone();
        shape[0] = which.length;
        return Tensor.fromDoubles(like.device(), like.dtype(), flat, shape);
    }

    /** Every row, as {@link #tensor(double[][], int[], Tensor)}. */
    static Tensor tensor(double[][] rows, Tensor like) {
        return tensor(rows, all(rows.length), like);
    }

    /** The indices whose flag is set. */
    static int[] where(boolean[] flags) {
        int count = 0;
        for (boolean f : flags) {
            count += f ? 1 : 0;
        }
        int[] out = new int[count];
        int at = 0;
        for (int i = 0; i < flags.length; i++) {
            if (flags[i]) {
                out[at++] = i;
            }
        }
        return out;
    }

    /** 0, 1, …, n − 1. */
    static int[] all(int n) {
        int[] out = new int[n];
        Arrays.setAll(out, i -> i);
        return out;
    }

    /** Index of the largest value of {@code v} other than position {@code skip} (−1 for none); first on ties. */
    static int argmaxExcept(double[] v, int skip) {
        int best = -1;
        for (int j = 0; j < v.length; j++) {
            if (j != skip && (best < 0 || v[j] > v[best])) {
                best = j;
            }
        }
        return best;
    }

    /** Index of the largest value (first on ties). */
    static int argmax(double[] v) {
        return argmaxExcept(v, -1);
    }
}
