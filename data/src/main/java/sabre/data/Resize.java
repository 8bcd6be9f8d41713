package sabre.data;

import sabre.tensor.Generator;

/**
 * Bilinear resize to {@code height×width} with half-pixel centres — the same map as
 * {@code Functional.upsampleBilinear(x, height, width, false)} and PyTorch's
 * {@code F.interpolate(mode="bilinear", align_corners=False, antialias=False)}. No low-pass filter: shrinking by
 * more than 2× skips pixels and can alias.
 *
 * <pre>{@code Transform up = new Resize(224, 224);}</pre>
 */
public final class Resize implements Transform {
    private final int height;
    private final int width;

    public Resize(int height, int width) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("resize: size must be positive, found " + height + "×" + width);
        }
        this.height = height;
        this.width = width;
    }

    @Override
    public FloatImage apply(FloatImage image, Generator random) {
        if (image.height() == height && image.width() == width) {
            return image;
        }
        return new FloatImage(image.channels(), height, width,
                Bilinear.resize(image.data(), image.channels(), image.height(), image.width(), height, width));
    }
}
