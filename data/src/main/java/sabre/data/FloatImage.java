package sabre.data;

import sabre.tensor.Check;
import sabre.tensor.Tensor;

/**
 * One image as floats in CHW order ({@code data[(c * height + y) * width + x]}): what {@link Transform}s consume
 * and produce. Transforms never modify their input's array; they return a new image. As a record over an array,
 * {@code equals} compares the array by identity.
 *
 * <pre>{@code
 * FloatImage img = dataset.floatImage(0);
 * float centre = img.at(0, img.height() / 2, img.width() / 2);
 * Tensor t = img.toTensor(); // FLOAT32 [C, H, W]
 * }</pre>
 */
public record FloatImage(int channels, int height, int width, float[] data) {
    /** Checks that the shape is positive and {@code data} holds exactly C·H·W values. */
    public FloatImage {
        Check.positive("float image", "shape", channels, height, width);
        Check.arg((long) channels * height * width == data.length, "float image",
                "%d values do not fill %d×%d×%d", data.length, channels, height, width);
    }

    /** The image held by a floating-point tensor of rank 3 ([C, H, W]). */
    public static FloatImage of(Tensor chw) {
        Check.floating("float image", chw);
        Check.rank("float image", chw, 3, "an image [C, H, W]");
        return new FloatImage(chw.shape(0), chw.shape(1), chw.shape(2), chw.toFloatArray());
    }

    /** A FLOAT32 tensor [C, H, W] on the default device. */
    public Tensor toTensor() {
        return Tensor.of(data, channels, height, width);
    }

    /** The value at channel {@code c}, row {@code y}, column {@code x}. */
    public float at(int c, int y, int x) {
        return data[(c * height + y) * width + x];
    }

    /** Values per image: C·H·W. */
    public int numel() {
        return data.length;
    }
}
