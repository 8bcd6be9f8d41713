package sabre.apps.report;

import java.util.Arrays;

/**
 * Axis ticks: the multiples of a "nice" step (1, 2 or 5 × 10^k) that fall inside a range, at most a given number of
 * them; {@link #whole} never steps by less than 1, so an epoch axis is labelled at whole epochs only.
 *
 * <pre>{@code double[] t = Ticks.whole(0.5, 30.5, 8); // 5, 10, 15, 20, 25, 30}</pre>
 */
public final class Ticks {
    private Ticks() {
    }

    /** Ticks at multiples of a nice step within [min, max], at most {@code maxCount} (≥ 2) of them. */
    public static double[] nice(double min, double max, int maxCount) {
        return at(min, max, step(min, max, maxCount, 0));
    }

    /** Like {@link #nice}, but whole numbers only (the step is at least 1). */
    public static double[] whole(double min, double max, int maxCount) {
        return at(min, max, step(min, max, maxCount, 1));
    }

    /** The smallest step of the form {1, 2, 5} × 10^k, at least {@code minStep}, giving at most maxCount ticks. */
    public static double step(double min, double max, int maxCount, double minStep) {
        if (!(min <= max) || !Double.isFinite(min) || !Double.isFinite(max)) {
            throw new IllegalArgumentException("ticks: the range [" + min + ", " + max + "] is not a finite interval");
        }
        if (maxCount < 2) {
            throw new IllegalArgumentException("ticks: at least 2 ticks must be allowed, found " + maxCount);
        }
        double span = max - min;
        double step = Math.max(minStep, span == 0 ? 1 : Math.pow(10, Math.floor(Math.log10(span / maxCount))));
        double[] factors = {1, 2, 5};
        for (int k = 0; ; k = (k + 1) % 3) {
            double candidate = step * factors[k];
            if (candidate >= minStep && count(min, max, candidate) <= maxCount) {
                return candidate;
            }
            if (k == 2) {
                step *= 10;
            }
        }
    }

    /** The number of decimals that print every multiple of {@code step} exactly (0 for 5, 1 for 0.5, 2 for 0.02). */
    public static int decimals(double step) {
        int d = 0;
        while (d < 12 && Math.abs(step * Math.pow(10, d) - Math.rint(step * Math.pow(10, d))) > 1e-9) {
            d++;
        }
        return d;
    }

    private static int count(double min, double max, double step) {
        return at(min, max, step).length;
    }

    private static double[] at(double min, double max, double step) {
        long first = (long) Math.ceil(min / step - 1e-9);
        long last = (long) Math.floor(max / step + 1e-9);
        double[] out = new double[(int) Math.max(0, last - first + 1)];
        Arrays.setAll(out, i -> (first + i) * step);
        return out;
    }
}
