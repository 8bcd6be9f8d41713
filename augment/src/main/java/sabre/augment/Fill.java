package sabre.augment;

import sabre.data.FloatImage;
import sabre.data.ImageDataset;
import sabre.tensor.Check;

/**
 * What dropped pixels become: one value per channel, in pixel space. The reference implementations zero the
 * normalised image, i.e. they set dropped pixels to the data set's mean; Sabre keeps training images in pixel space
 * (the model normalises), so the same effect is {@link #datasetMean}. A single value applies to every channel.
 *
 * <pre>{@code Fill mean = Fill.datasetMean(train); FloatImage y = mean.drop(image, mask);}</pre>
 */
public record Fill(float[] values) {
    public Fill {
        Check.arg(values.length > 0, "fill", "need at least one value");
        values = values.clone();
    }

    /** The same value in every channel. */
    public static Fill constant(float value) {
        return new Fill(new float[] {value});
    }

    /** The per-channel mean over every pixel of {@code data} (pixels / 255). */
    public static Fill datasetMean(ImageDataset data) {
        Check.arg(data.size() > 0, "fill", "cannot take the mean of an empty data set");
        int c = data.channels();
        int plane = data.height() * data.width();
        double[] sums = new double[c];
        for (int i = 0; i < data.size(); i++) {
            byte[] px = data.pixels(i);
            for (int k = 0; k < px.length; k++) {
                sums[k / plane] += px[k] & 0xFF;
            }
        }
        float[] mean = new float[c];
        for (int k = 0; k < c; k++) {
            mean[k] = (float) (sums[k] / ((double) data.size() * plane * 255));
        }
        return new Fill(mean);
    }

    /** The value of channel {@code c} for an image with {@code channels} channels. */
    public float value(int c, int channels) {
        Check.arg(values.length == 1 || values.length == channels, "fill", "%d fill values for a %d-channel image",
                values.length, channels);
        return values.length == 1 ? values[0] : values[c];
    }

    /** A copy of {@code image} with the pixels where {@code drop[y * W + x]} holds set to the fill in every channel. */
    public FloatImage drop(FloatImage image, boolean[] drop) {
        int plane = image.height() * image.width();
        Check.arg(drop.length == plane, "fill", "mask of %d pixels for a %d×%d image", drop.length, image.height(),
                image.width());
        float[] out = image.data().clone();
        for (int c = 0; c < image.channels(); c++) {
            float v = value(c, image.channels());
            for (int p = 0; p < plane; p++) {
                if (drop[p]) {
                    out[c * plane + p] = v;
                }
            }
        }
        return new FloatImage(image.channels(), image.height(), image.width(), out);
    }
}
