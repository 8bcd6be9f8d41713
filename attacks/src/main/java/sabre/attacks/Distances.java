package sabre.attacks;

import sabre.tensor.Tensor;

/**
 * Per-sample size of a perturbation {@code d = adversarial − original} [N, C, H, W]: L0 in pixels (H·W positions
 * where any channel changed) and in elements (C·H·W values changed), L1, L2 and L∞, computed in double precision
 * from the two arrays as they are.
 *
 * <pre>{@code Distances d = Distances.between(images, adversarial); int changed = d.l0Elements()[0];}</pre>
 */
public record Distances(int[] l0Pixels, int[] l0Elements, double[] l1, double[] l2, double[] linf) {
    /** Measures each sample of {@code adversarial} against {@code original} (same shape [N, C, H, W]). */
    public static Distances between(Tensor original, Tensor adversarial) {
        int[] s = original.shape();
        int n = s[0];
        int c = s[1];
        int plane = s[2] * s[3];
        double[] a = original.toDoubleArray();
        double[] b = adversarial.toDoubleArray();
        int[] l0p = new int[n];
        int[] l0e = new int[n];
        double[] l1 = new double[n];
        double[] l2 = new double[n];
        double[] li = new double[n];
        for (int i = 0; i < n; i++) {
            boolean[] pixelChanged = new boolean[plane];
            for (int ch = 0; ch < c; ch++) {
                int base = (i * c + ch) * plane;
                for (int p = 0; p < plane; p++) {
                    double d = Math.abs(b[base + p] - a[base + p]);
                    if (d > 0) {
                        l0e[i]++;
                        pixelChanged[p] = true;
                        l1[i] += d;
                        l2[i] += d * d;
                        li[i] = Math.max(li[i], d);
                    }
                }
            }
            for (boolean changed : pixelChanged) {
                l0p[i] += changed ? 1 : 0;
            }
            l2[i] = Math.sqrt(l2[i]);
        }
        return new Distances(l0p, l0e, l1, l2, li);
    }
}
