package sabre.data;

import sabre.tensor.Generator;

/**
 * Per-channel standardisation {@code (x − mean[c]) / std[c]}.
 *
 * <p>Where it belongs: for attacks and certified evaluation, keep data in pixel space ([0, 1]) and put the
 * normalisation inside the model wrapper, so that perturbation budgets (ε = 8/255), clipping to [0, 1] and
 * sparse-pixel counts mean what they say (GUIDE: attacks work in pixel space). Training pipelines may normalise
 * here instead, as the last transform (after crop padding, whose zeros are black pixels).
 *
 * <pre>{@code Transform norm = new Normalize(new float[] {0.4914f, 0.4822f, 0.4465f}, new float[] {0.247f, 0.243f, 0.261f});}</pre>
 */
public final class Normalize implements Transform {
    private final float[] mean;
    private final float[] std;

    /** One mean and one positive standard deviation per channel. */
    public Normalize(float[] mean, float[] std) {
        if (mean.length == 0 || mean.length != std.length) {
            throw new IllegalArgumentException("normalize: need one mean and one std per channel, found "
                    + mean.length + " means and " + std.length + " stds");
        }
        for (float s : std) {
            if (!(s > 0) || !Float.isFinite(s)) {
                throw new IllegalArgumentException("normalize: std must be positive and finite, found " + s);
            }
        }
        this.mean = mean.clone();
        this.std = std.clone();
    }

    @Override
    public FloatImage apply(FloatImage image, Generator random) {
        if (image.channels() != mean.length) {
            throw new IllegalArgumentException("normalize: configured for " + mean.length + " channels, image has "
                    + image.channels());
        }
        int plane = image.height() * image.width();
        float[] in = image.data();
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            int c = i / plane;
            out[i] = (in[i] - mean[c]) / std[c];
        }
        return new FloatImage(image.channels(), image.height(), image.width(), out);
    }
}
