package sabre.augment;

import sabre.data.FloatImage;
import sabre.tensor.Check;
import sabre.tensor.Generator;

/**
 * Harris corner detector (Harris and Stephens 1988), the point source of the Corner+Mask ablation: on the grey
 * image (channel mean) take Sobel gradients Ix, Iy (borders replicated), sum the structure tensor
 * {@code [Ix² IxIy; IxIy Iy²]} over a 3×3 window, and score {@code R = det − k·trace²} with k = 0.04; the points
 * are the pixels whose response exceeds {@code threshold·max R} (0.01, the usual choice), none when max R ≤ 0.
 *
 * <pre>{@code int[] rc = new HarrisCorners(0.04, 0.01).points(image, 0, null);}</pre>
 */
public final class HarrisCorners implements PointSource {
    private final double k;
    private final double threshold;

    public HarrisCorners(double k, double threshold) {
        Check.arg(k > 0 && k < 0.25, "harris", "k %s outside (0, 0.25)", k);
        Check.arg(threshold > 0 && threshold < 1, "harris", "threshold %s outside (0, 1)", threshold);
        this.k = k;
        this.threshold = threshold;
    }

    /** The response R [H·W] of {@code image}. */
    public double[] response(FloatImage image) {
        int h = image.height();
        int w = image.width();
        double[] grey = new double[h * w];
        for (int c = 0; c < image.channels(); c++) {
            for (int p = 0; p < h * w; p++) {
                grey[p] += image.data()[c * h * w + p] / image.channels();
            }
        }
        double[] xx = new double[h * w];
        double[] yy = new double[h * w];
        double[] xy = new double[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                // Sobel: [-1 0 1; -2 0 2; -1 0 1] and its transpose
                double gx = at(grey, h, w, y - 1, x + 1) + 2 * at(grey, h, w, y, x + 1) + at(grey, h, w, y + 1, x + 1)
                        - at(grey, h, w, y - 1, x - 1) - 2 * at(grey, h, w, y, x - 1) - at(grey, h, w, y + 1, x - 1);
                double gy = at(grey, h, w, y + 1, x - 1) + 2 * at(grey, h, w, y + 1, x) + at(grey, h, w, y + 1, x + 1)
                        - at(grey, h, w, y - 1, x - 1) - 2 * at(grey, h, w, y - 1, x) - at(grey, h, w, y - 1, x + 1);
                xx[y * w + x] = gx * gx;
                yy[y * w + x] = gy * gy;
                xy[y * w + x] = gx * gy;
            }
        }
        double[] r = new double[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double a = window(xx, h, w, y, x);
                double b = window(yy, h, w, y, x);
                double c = window(xy, h, w, y, x);
                r[y * w + x] = a * b - c * c - k * (a + b) * (a + b);
            }
        }
        return r;
    }

    @Override
    public int[] points(FloatImage image, int index, Generator random) {
        double[] r = response(image);
        double max = 0;
        for (double v : r) {
            max = Math.max(max, v);
        }
        if (max <= 0) {
            return new int[0];
        }
        int n = 0;
        for (double v : r) {
            n += v > threshold * max ? 1 : 0;
        }
        int[] out = new int[2 * n];
        int j = 0;
        for (int p = 0; p < r.length; p++) {
            if (r[p] > threshold * max) {
                out[j++] = p / image.width();
                out[j++] = p % image.width();
            }
        }
        return out;
    }

    private static double at(double[] g, int h, int w, int y, int x) {
        return g[Math.min(h - 1, Math.max(0, y)) * w + Math.min(w - 1, Math.max(0, x))];
    }

    private static double window(double[] m, int h, int w, int y, int x) {
        double s = 0;
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                int yy = y + dy;
                int xx = x + dx;
                if (yy >= 0 && yy < h && xx >= 0 && xx < w) {
                    s += m[yy * w + xx];
                }
            }
        }
        return s;
    }
}
