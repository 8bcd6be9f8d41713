package sabre.attacks.baselines;

import sabre.tensor.Check;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Superpixels of one image [C, H, W] in [0, 1]: SLIC (Achanta et al. 2012, "SLIC Superpixels Compared to
 * State-of-the-Art Superpixel Methods", TPAMI) — k-means in (colour, position) started on a grid of step
 * S = √(H·W/K), each centre moved to the lowest gradient of its 3×3 neighbourhood, pixels searched in the 2S×2S
 * window of each centre with the distance {@code d_colour² + (d_xy/S)²·m²}, 10 iterations, then connectivity
 * enforced (every 4-connected piece its own segment; pieces under a quarter of H·W/K merged into a neighbour).
 * Colour is CIELAB for 3 channels (sRGB, D65) and 100·intensity for one (the L* scale, so compactness m keeps its
 * meaning). The grid alternative cuts the image into S×S squares.
 *
 * <pre>{@code int[] labels = Superpixels.slic(pixels, 3, 32, 32, 150, 10);}</pre>
 */
final class Superpixels {
    private static final int ITERATIONS = 10;

    private Superpixels() {
    }

    /** SLIC labels 0..S−1 per pixel (row-major H·W) of {@code image} (C·H·W values, channel-major). */
    static int[] slic(float[] image, int channels, int h, int w, int segments, double compactness) {
        Check.arg(segments >= 1, "superpixels", "need at least 1 segment, found %d", segments);
        Check.arg(compactness > 0 && Double.isFinite(compactness), "superpixels",
                "compactness must be positive, found %s", compactness);
        int plane = h * w;
        double[][] colour = colour(image, channels, plane);
        int d = colour.length;
        double step = Math.max(1, Math.sqrt(plane / (double) segments));
        int rows = Math.max(1, (int) Math.round(h / step));
        int cols = Math.max(1, (int) Math.round(w / step));
        int k = rows * cols;
        double[][] centre = new double[k][d + 2]; // colour..., y, x
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int y = (int) ((r + 0.5) * h / rows);
                int x = (int) ((c + 0.5) * w / cols);
                int p = lowestGradient(colour, h, w, y, x);
                double[] cc = centre[r * cols + c];
                for (int j = 0; j < d; j++) {
                    cc[j] = colour[j][p];
                }
                cc[d] = p / w;
                cc[d + 1] = p % w;
            }
        }
        int[] label = new int[plane];
        double[] best = new double[plane];
        double weight = compactness * compactness / (step * step);
        int window = (int) Math.ceil(2 * step);
        for (int it = 0; it < ITERATIONS; it++) {
            Arrays.fill(best, Double.POSITIVE_INFINITY);
            for (int q = 0; q < k; q++) {
                double[] cc = centre[q];
                int y0 = Math.max(0, (int) (cc[d] - window));
                int y1 = Math.min(h - 1, (int) (cc[d] + window));
                int x0 = Math.max(0, (int) (cc[d + 1] - window));
                int x1 = Math.min(w - 1, (int) (cc[d + 1] + window));
                for (int y = y0; y <= y1; y++) {
                    for (int x = x0; x <= x1; x++) {
                        int p = y * w + x;
                        double dist = 0;
                        for (int j = 0; j < d; j++) {
                            double t = colour[j][p] - cc[j];
                            dist += t * t;
                        }
                        double dy = y - cc[d];
                        double dx = x - cc[d + 1];
                        dist += (dy * dy + dx * dx) * weight;
                        if (dist < best[p]) {
                            best[p] = dist;
                            label[p] = q;
                        }
                    }
                }
            }
            double[][] sum = new double[k][d + 3];
            for (int p = 0; p < plane; p++) {
                double[] s = sum[label[p]];
                for (int j = 0; j < d; j++) {
                    s[j] += colour[j][p];
                }
                s[d] += p / w;
                s[d + 1] += p % w;
                s[d + 2]++;
            }
            for (int q = 0; q < k; q++) {
                if (sum[q][d + 2] > 0) {
                    for (int j = 0; j < d + 2; j++) {
                        centre[q][j] = sum[q][j] / sum[q][d + 2];
                    }
                }
            }
        }
        return connected(label, h, w, Math.max(1, plane / k / 4));
    }

    /** Squares of side ⌈√(H·W/K)⌉, labelled row-major. */
    static int[] grid(int h, int w, int segments) {
        Check.arg(segments >= 1, "superpixels", "need at least 1 segment, found %d", segments);
        int side = (int) Math.ceil(Math.sqrt(h * w / (double) segments));
        int cols = (w + side - 1) / side;
        int[] label = new int[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                label[y * w + x] = (y / side) * cols + x / side;
            }
        }
        return label;
    }

    /** Number of segments of a labelling 0..S−1. */
    static int count(int[] labels) {
        return Arrays.stream(labels).max().orElse(-1) + 1;
    }

    /** Each 4-connected piece gets its own label; pieces smaller than {@code min} join the piece met before them. */
    private static int[] connected(int[] label, int h, int w, int min) {
        int[] out = new int[label.length];
        Arrays.fill(out, -1);
        int next = 0;
        int[] dy = {-1, 1, 0, 0};
        int[] dx = {0, 0, -1, 1};
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        int[] piece = new int[label.length];
        for (int start = 0; start < label.length; start++) {
            if (out[start] >= 0) {
                continue;
            }
            int adjacent = -1; // a labelled neighbour of the piece's first pixel, for merging
            for (int j = 0; j < 4; j++) {
                int y = start / w + dy[j];
                int x = start % w + dx[j];
                if (y >= 0 && y < h && x >= 0 && x < w && out[y * w + x] >= 0) {
                    adjacent = out[y * w + x];
                }
            }
            int size = 0;
            out[start] = next;
            queue.add(start);
            while (!queue.isEmpty()) {
                int p = queue.poll();
                piece[size++] = p;
                for (int j = 0; j < 4; j++) {
                    int y = p / w + dy[j];
                    int x = p % w + dx[j];
                    int nb = y * w + x;
                    if (y >= 0 && y < h && x >= 0 && x < w && out[nb] < 0 && label[nb] == label[start]) {
                        out[nb] = next;
                        queue.add(nb);
                    }
                }
            }
            if (size < min && adjacent >= 0) {
                for (int i = 0; i < size; i++) {
                    out[piece[i]] = adjacent;
                }
            } else {
                next++;
            }
        }
        return out;
    }

    private static int lowestGradient(double[][] colour, int h, int w, int y, int x) {
        int best = y * w + x;
        double bestG = Double.POSITIVE_INFINITY;
        for (int yy = Math.max(1, y - 1); yy <= Math.min(h - 2, y + 1); yy++) {
            for (int xx = Math.max(1, x - 1); xx <= Math.min(w - 2, x + 1); xx++) {
                double g = 0;
                for (double[] ch : colour) {
                    double gx = ch[yy * w + xx + 1] - ch[yy * w + xx - 1];
                    double gy = ch[(yy + 1) * w + xx] - ch[(yy - 1) * w + xx];
                    g += gx * gx + gy * gy;
                }
                if (g < bestG) {
                    bestG = g;
                    best = yy * w + xx;
                }
            }
        }
        return best;
    }

    /** CIELAB of sRGB for 3 channels, 100·intensity for 1, the values themselves (×100) otherwise. */
    private static double[][] colour(float[] image, int channels, int plane) {
        double[][] out = new double[channels][plane];
        for (int p = 0; p < plane; p++) {
            if (channels == 3) {
                double[] lab = lab(image[p], image[plane + p], image[2 * plane + p]);
                for (int j = 0; j < 3; j++) {
                    out[j][p] = lab[j];
                }
            } else {
                for (int j = 0; j < channels; j++) {
                    out[j][p] = 100 * image[j * plane + p];
                }
            }
        }
        return out;
    }

    // sRGB (D65) → linear → XYZ → CIELAB
    private static double[] lab(double r, double g, double b) {
        double rl = linear(r);
        double gl = linear(g);
        double bl = linear(b);
        double x = (0.412453 * rl + 0.357580 * gl + 0.180423 * bl) / 0.950456;
        double y = 0.212671 * rl + 0.715160 * gl + 0.072169 * bl;
        double z = (0.019334 * rl + 0.119193 * gl + 0.950227 * bl) / 1.088754;
        double fx = f(x);
        double fy = f(y);
        double fz = f(z);
        return new double[] {116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)};
    }

    private static double linear(double c) {
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    private static double f(double t) {
        return t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16.0 / 116;
    }
}
