package sabre.augment;

import sabre.data.FloatImage;
import sabre.data.SampleRandom;
import sabre.tensor.Check;
import sabre.tensor.Generator;

/**
 * GridMask (Chen et al. 2020): a regular grid of dropped squares. A unit {@code d} is drawn uniformly from
 * {@code [dMin, dMax)}; in every d×d unit a stripe of width {@code l = ⌈ratio·d⌉} along the top and the left is kept
 * and the remaining {@code (d − l)×(d − l)} square is dropped (the reference code's {@code mode = 1}, so the kept
 * fraction is {@code 1 − (1 − ratio)²}); the grid starts at a random offset in [0, d) on each axis, is built on a
 * square canvas of side ⌈√(H² + W²)⌉, rotated by a random whole angle in [0, rotate) degrees (nearest neighbour;
 * rotate ≤ 1 means none) and centre-cropped to the image. It is applied with a probability that ramps linearly
 * from 0 to {@code maxProb} over the run: {@code maxProb·min(1, (e + 1)/E)} in epoch e (0-based) of E. Defaults for
 * 32×32 CIFAR (the reference's CIFAR-10 settings): d ∈ [24, 33), ratio 0.4, no rotation, probability 0.8; Sabre
 * scales the d range by side/32 for other sizes (28×28: [21, 29)).
 *
 * <pre>{@code SampleAugmentation g = GridMask.defaults(32, fill);}</pre>
 */
public final class GridMask implements SampleAugmentation {
    private final int dMin;
    private final int dMax;
    private final double ratio;
    private final int rotate;
    private final double maxProb;
    private final Fill fill;

    public GridMask(int dMin, int dMax, double ratio, int rotate, double maxProb, Fill fill) {
        Check.arg(dMin >= 2 && dMax > dMin, "gridmask", "need 2 <= d min < d max, found [%d, %d)", dMin, dMax);
        Check.arg(ratio > 0 && ratio < 1, "gridmask", "ratio %s outside (0, 1)", ratio);
        Check.arg(rotate >= 0 && rotate <= 360, "gridmask", "rotate %d outside [0, 360]", rotate);
        Check.arg(maxProb >= 0 && maxProb <= 1, "gridmask", "probability %s outside [0, 1]", maxProb);
        this.dMin = dMin;
        this.dMax = dMax;
        this.ratio = ratio;
        this.rotate = rotate;
        this.maxProb = maxProb;
        this.fill = fill;
    }

    /** The CIFAR-10 settings scaled to an image of side {@code side}, applied with probability ramping to 0.8. */
    public static GridMask defaults(int side, Fill fill) {
        return scaled(side, 0.8, fill);
    }

    /** The CIFAR-10 settings scaled to {@code side}, with the given final probability. */
    static GridMask scaled(int side, double maxProb, Fill fill) {
        int lo = Math.max(2, (int) Math.round(24.0 * side / 32));
        int hi = Math.max(lo + 1, (int) Math.round(33.0 * side / 32));
        return new GridMask(lo, hi, 0.4, 1, maxProb, fill);
    }

    /** The probability of applying the mask in epoch {@code epoch} (0-based) of {@code epochs}. */
    public double probability(int epoch, int epochs) {
        return maxProb * Math.min(1, (epoch + 1) / (double) epochs);
    }

    /** The dropped pixels [H·W] of one grid draw (unit, offsets, angle from {@code random}). */
    public boolean[] mask(int height, int width, Generator random) {
        int d = dMin + SampleRandom.below(random, dMax - dMin);
        int offY = SampleRandom.below(random, d);
        int offX = SampleRandom.below(random, d);
        int angle = rotate > 1 ? SampleRandom.below(random, rotate) : 0;
        return grid(height, width, d, (int) Math.ceil(d * ratio), offY, offX, angle);
    }

    /**
     * The grid for unit {@code d}, kept stripe {@code keep}, offsets and angle (degrees): pixel (y, x) of the canvas is
     * dropped when {@code (y − offY) mod d >= keep} and {@code (x − offX) mod d >= keep}.
     */
    public static boolean[] grid(int height, int width, int d, int keep, int offY, int offX, double angle) {
        int side = (int) Math.ceil(Math.sqrt((double) height * height + (double) width * width));
        int top = (side - height) / 2;
        int left = (side - width) / 2;
        double c = side / 2.0;
        double cos = Math.cos(Math.toRadians(angle));
        double sin = Math.sin(Math.toRadians(angle));
        boolean[] drop = new boolean[height * width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double py = y + top + 0.5 - c;
                double px = x + left + 0.5 - c;
                // inverse rotation of the output pixel's centre back onto the unrotated canvas
                int sy = (int) Math.floor(c + cos * py - sin * px);
                int sx = (int) Math.floor(c + sin * py + cos * px);
                if (sy < 0 || sx < 0 || sy >= side || sx >= side) {
                    continue;
                }
                drop[y * width + x] = Math.floorMod(sy - offY, d) >= keep && Math.floorMod(sx - offX, d) >= keep;
            }
        }
        return drop;
    }

    @Override
    public FloatImage apply(FloatImage image, int index, int epoch, int epochs, Generator random) {
        if (SampleRandom.uniform(random) >= probability(epoch, epochs)) {
            return image;
        }
        return fill.drop(image, mask(image.height(), image.width(), random));
    }
}
