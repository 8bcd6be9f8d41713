package sabre.augment;

import sabre.data.FloatImage;
import sabre.data.SampleRandom;
import sabre.tensor.Check;
import sabre.tensor.Generator;

/**
 * AdvMask (thesis ch. 4): in epoch e (0-based) of E, with probability {@code maxProb·(e + 1)/E} (0.8 at the end,
 * the released code's ramp), the image's points are expanded into drop regions by {@link Regions} and the dropped
 * pixels are set to the {@link Fill} (the data-set mean). Fresh randomness every epoch: the generator is keyed by
 * (seed, stage, epoch, index). The points are in the coordinates of the image as the data set holds it, so AdvMask
 * must run before random crop and flip for its regions to stay on the sensitive pixels (see
 * {@link Augmentations}).
 *
 * <pre>{@code SampleAugmentation a = new AdvMask(PointSource.of(points), RegionExpansion.faithful(32), 0.8, fill);}</pre>
 */
public final class AdvMask implements SampleAugmentation {
    private final PointSource points;
    private final Regions regions;
    private final double maxProb;
    private final Fill fill;

    /** How an image's points become dropped pixels. */
    @FunctionalInterface
    public interface Regions {
        /** The dropped pixels [H·W] for {@code points} (interleaved row, column). */
        boolean[] drop(int height, int width, int[] points, Generator random);

        /** The points themselves, without expansion (the "Adv" ablation). */
        static Regions pointsOnly() {
            return (height, width, points, random) -> {
                boolean[] drop = new boolean[height * width];
                for (int k = 0; k < points.length; k += 2) {
                    drop[points[k] * width + points[k + 1]] = true;
                }
                return drop;
            };
        }

        /** Squares around the points ({@link RegionExpansion}). */
        static Regions expanded(RegionExpansion expansion) {
            return (height, width, points, random) -> expansion.expand(height, width, points, random).drop();
        }
    }

    public AdvMask(PointSource points, Regions regions, double maxProb, Fill fill) {
        Check.arg(maxProb >= 0 && maxProb <= 1, "advmask", "probability %s outside [0, 1]", maxProb);
        this.points = points;
        this.regions = regions;
        this.maxProb = maxProb;
        this.fill = fill;
    }

    /** The probability of masking an image in epoch {@code epoch} (0-based) of {@code epochs}. */
    public double probability(int epoch, int epochs) {
        return maxProb * Math.min(1, (epoch + 1) / (double) epochs);
    }

    @Override
    public FloatImage apply(FloatImage image, int index, int epoch, int epochs, Generator random) {
        if (SampleRandom.uniform(random) >= probability(epoch, epochs)) {
            return image;
        }
        int[] p = points.points(image, index, random);
        return fill.drop(image, regions.drop(image.height(), image.width(), p, random));
    }
}
