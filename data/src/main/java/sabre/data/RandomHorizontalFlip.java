package sabre.data;

import sabre.tensor.Generator;

/**
 * Mirrors the image left–right with probability {@code p}: one {@link SampleRandom#uniform} draw per sample
 * (always taken, so later transforms see the same generator state either way); flips when it is below p.
 *
 * <pre>{@code Transform flip = new RandomHorizontalFlip(0.5);}</pre>
 */
public final class RandomHorizontalFlip implements Transform {
    private final double p;

    /** Flip probability in [0, 1]. */
    public RandomHorizontalFlip(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("random horizontal flip: probability " + p + " outside [0, 1]");
        }
        this.p = p;
    }

    @Override
    public FloatImage apply(FloatImage image, Generator random) {
        if (SampleRandom.uniform(random) >= p) {
            return image;
        }
        int w = image.width();
        float[] in = image.data();
        float[] out = new float[in.length];
        for (int row = 0; row < image.channels() * image.height(); row++) {
            for (int x = 0; x < w; x++) {
                out[row * w + x] = in[row * w + (w - 1 - x)];
            }
        }
        return new FloatImage(image.channels(), image.height(), w, out);
    }
}
