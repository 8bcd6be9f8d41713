package sabre.augment;

import sabre.data.FloatImage;
import sabre.data.SampleRandom;
import sabre.tensor.Check;
import sabre.tensor.Generator;

/**
 * Cutout (DeVries and Taylor 2017): {@code holes} square holes of side {@code size}, each centred on a uniformly
 * random pixel (row, then column) and clipped at the image border — rows {@code [cy − size/2, cy + size/2)} ∩ the
 * image — so a hole near the border is smaller. Applied to every image, after crop and flip; filled with the
 * {@link Fill} (the data-set mean, as the reference zeroes the normalised image). Defaults: side 16 on 32×32
 * CIFAR-10, 8 on CIFAR-100; for 28×28 Fashion-MNIST Sabre uses 14, the CIFAR-10 hole scaled to the image (half its
 * side).
 *
 * <pre>{@code SampleAugmentation c = new Cutout(16, 1, Fill.constant(0.5f));}</pre>
 */
public final class Cutout implements SampleAugmentation {
    private final int size;
    private final int holes;
    private final Fill fill;

    public Cutout(int size, int holes, Fill fill) {
        Check.positive("cutout", "hole size and count", size, holes);
        this.size = size;
        this.holes = holes;
        this.fill = fill;
    }

    /** The default side for an image of side {@code side}: half of it (16 for 32, 14 for 28). */
    public static int defaultSize(int side) {
        return Math.max(1, side / 2);
    }

    /** The dropped pixels [H·W] of one draw. */
    public boolean[] mask(int height, int width, Generator random) {
        boolean[] drop = new boolean[height * width];
        for (int h = 0; h < holes; h++) {
            int cy = SampleRandom.below(random, height);
            int cx = SampleRandom.below(random, width);
            int y0 = Math.max(0, cy - size / 2);
            int y1 = Math.min(height, cy + size / 2 + size % 2);
            int x0 = Math.max(0, cx - size / 2);
            int x1 = Math.min(width, cx + size / 2 + size % 2);
            for (int y = y0; y < y1; y++) {
                for (int x = x0; x < x1; x++) {
                    drop[y * width + x] = true;
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
