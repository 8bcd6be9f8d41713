package sabre.kernels.device;

import java.util.ArrayList;
import java.util.List;

/**
 * A linear map from {@code in} to {@code out} positions along one axis, as taps in compressed-row form: output
 * {@code j} reads inputs {@code idx[start[j] .. start[j+1])} with weights {@code w[...]}. Pooling, resizing and
 * padding are separable into such maps ({@code resample.cl} applies one); {@link #transposed()} gives the adjoint,
 * which is what each backward pass applies.
 *
 * <pre>{@code Taps t = Taps.build(5, 3, (j, sink) -> sink.tap(2 * j, 1.0)); Taps back = t.transposed();}</pre>
 */
record Taps(int in, int out, int[] start, int[] idx, double[] w) {
    /** Receives the taps of one output position. */
    @FunctionalInterface
    interface Sink {
        void tap(int input, double weight);
    }

    /** Lists the taps of output {@code j}. */
    @FunctionalInterface
    interface Rule {
        void taps(int j, Sink sink);
    }

    /** Taps from a rule, zero weights dropped (so 0·∞ never turns into NaN). */
    static Taps build(int in, int out, Rule rule) {
        int[] start = new int[out + 1];
        List<int[]> idx = new ArrayList<>();
        List<Double> w = new ArrayList<>();
        for (int j = 0; j < out; j++) {
            rule.taps(j, (i, weight) -> {
                if (weight != 0) {
                    idx.add(new int[] {i});
                    w.add(weight);
                }
            });
            start[j + 1] = idx.size();
        }
        return new Taps(in, out, start, idx.stream().mapToInt(a -> a[0]).toArray(),
                w.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** The adjoint map (out → in): input i collects every tap that read it, in output order. */
    Taps transposed() {
        int[] count = new int[in + 1];
        for (int i : idx) {
            count[i + 1]++;
        }
        for (int i = 0; i < in; i++) {
            count[i + 1] += count[i];
        }
        int[] fill = count.clone();
        int[] tIdx = new int[idx.length];
        double[] tW = new double[w.length];
        for (int j = 0; j < out; j++) {
            for (int t = start[j]; t < start[j + 1]; t++) {
                int at = fill[idx[t]]++;
                tIdx[at] = j;
                tW[at] = w[t];
            }
        }
        return new Taps(out, in, count, tIdx, tW);
    }
}
