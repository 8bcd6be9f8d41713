package sabre.data;

import sabre.tensor.Generator;

/**
 * The central {@code height×width} window; when the margin is odd the extra pixel is left at the bottom/right
 * (top = ⌊(H − height) / 2⌋). The crop must fit inside the image.
 *
 * <pre>{@code Transform centre = new CenterCrop(56, 56);}</pre>
 */
public final class CenterCrop implements Transform {
    private final int height;
    private final int width;

    public CenterCrop(int height, int width) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("center crop: size must be positive, found " + height + "×" + width);
        }
        this.height = height;
        this.width = width;
    }

    @Override
    public FloatImage apply(FloatImage image, Generator random) {
        if (height > image.height() || width > image.width()) {
            throw new IllegalArgumentException("center crop: " + height + "×" + width + " is larger than the "
                    + image.height() + "×" + image.width() + " image");
        }
        return Crop.window(image, (image.height() - height) / 2, (image.width() - width) / 2, height, width);
    }
}
