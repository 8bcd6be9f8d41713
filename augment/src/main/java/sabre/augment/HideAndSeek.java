package sabre.augment;

import sabre.data.FloatImage;
import sabre.data.SampleRandom;
import sabre.tensor.Check;
import sabre.tensor.Generator;

/**
 * Hide-and-Seek (Singh and Lee 2017): one grid size is drawn uniformly from {@code gridSizes} (0 = no hiding); the
 * image is cut into square patches of that side (the last row and column clipped at the border) and each patch is
 * hidden independently with probability 0.5, its pixels set to the {@link Fill} (the data-set mean, as the paper
 * prescribes). The paper's ImageNet sizes {0, 16, 32, 44, 56} are for 224-pixel images; Sabre's defaults are
 * {0, 4, 8, 16} for 32×32 and {0, 4, 7, 14} for 28×28 (divisors of the side, the same relative range as the
 * CIFAR reproductions).
 *
 * <pre>{@code SampleAugmentation has = new HideAndSeek(new int[] {0, 4, 8, 16}, 0.5, fill);}</pre>
 */
public final class HideAndSeek implements SampleAugmentation {
    private final int[] gridSizes;
    private final double hideProbability;
    private final Fill fill;

    public HideAndSeek(int[] gridSizes, double hideProbability, Fill fill) {
        Check.arg(gridSizes.length > 0, "hide-and-seek", "need at least one grid size");
        for (int g : gridSizes) {
            Check.arg(g >= 0, "hide-and-seek", "grid size must be >= 0, found %d", g);
        }
        Check.arg(hideProbability >= 0 && hideProbability <= 1, "hide-and-seek", "probability %s outside [0, 1]",
                hideProbability);
        this.gridSizes = gridSizes.clone();
        this.hideProbability = hideProbability;
        this.fill = fill;
    }

    /** The default grid sizes for an image of side {@code side}. */
    public static int[] defaultGridSizes(int side) {
        return side == 28 ? new int[] {0, 4, 7, 14} : new int[] {0, side / 8, side / 4, side / 2};
    }

    /** The dropped pixels [H·W] of one draw. */
    public boolean[] mask(int height, int width, Generator random) {
        boolean[] drop = new boolean[height * width];
        int grid = gridSizes[SampleRandom.below(random, gridSizes.length)];
        if (grid == 0) {
            return drop;
        }
        for (int y0 = 0; y0 < height; y0 += grid) {
            for (int x0 = 0; x0 < width; x0 += grid) {
                if (SampleRandom.uniform(random) < hideProbability) {
                    for (int y = y0; y < Math.min(height, y0 + grid); y++) {
                        for (int x = x0; x < Math.min(width, x0 + grid); x++) {
                            drop[y * width + x] = true;
                        }
                    }
                }
            }
        }
        return drop;
    }

    @Override
    public FloatImage apply(FloatImage image, int index, int epoch, int epochs, Generator random) {
        return fill.drop(image, mask(image.height(), image.width(), random));
    }
}
