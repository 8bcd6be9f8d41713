package sabre.data;

import sabre.tensor.Generator;

/**
 * Random crop with zero padding (the CIFAR recipe): the image is padded with {@code padding} zeros on every side,
 * then a {@code height×width} window is cut at a uniformly random position — first the row offset, then the column
 * offset, each drawn with {@link SampleRandom#below} over all positions that fit. With {@code padding = 4} and the
 * image's own size this shifts the content by up to 4 pixels in each direction, filling with zeros (black in pixel
 * space; apply before {@link Normalize}).
 *
 * <pre>{@code Transform crop = new RandomCrop(32, 32, 4);}</pre>
 */
public final class RandomCrop implements Transform {
    private final int height;
    private final int width;
    private final int padding;

    /** Output {@code height×width} cut from the image padded by {@code padding} on each side. */
    public RandomCrop(int height, int width, int padding) {
        if (height < 1 || width < 1 || padding < 0) {
            throw new IllegalArgumentException("random crop: size must be positive and padding non-negative, found "
                    + height + "×" + width + " padding " + padding);
        }
        this.height = height;
        this.width = width;
        this.padding = padding;
    }

    @Override
    public FloatImage apply(FloatImage image, Generator random) {
        int rows = image.height() + 2 * padding - height + 1;
        int cols = image.width() + 2 * padding - width + 1;
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("random crop: " + height + "×" + width + " does not fit in a "
                    + image.height() + "×" + image.width() + " image padded by " + padding);
        }
        int top = SampleRandom.below(random, rows) - padding;
        int left = SampleRandom.below(random, cols) - padding;
        return Crop.window(image, top, left, height, width);
    }
}
