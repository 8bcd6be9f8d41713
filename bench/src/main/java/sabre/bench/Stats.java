package sabre.bench;

import java.util.Arrays;

/**
 * Minimum, median and maximum of a set of timed runs. The median of an even count is the mean of the two middle
 * values (as NumPy's {@code median} and Python's {@code statistics.median}, which the PyTorch side uses).
 *
 * <pre>{@code Stats s = Stats.of(new double[] {3, 1, 2}); // min 1, median 2, max 3}</pre>
 */
public record Stats(double min, double median, double max, int count) {
    /** The statistics of {@code samples} (at least one, all finite); the array is not modified. */
    public static Stats of(double[] samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("Stats: no samples");
        }
        double[] s = samples.clone();
        for (double v : s) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("Stats: sample is not finite: " + v);
            }
        }
        Arrays.sort(s);
        int n = s.length;
        double median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
        return new Stats(s[0], median, s[n - 1], n);
    }
}
