package sabre.apps.cli;

import sabre.nn.io.Npy;
import sabre.tensor.DType;
import sabre.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads a batch of images from {@code .npy}: FLOAT32/FLOAT64 in [0, 1], or uint8 in [0, 255] (scaled by 1/255);
 * NCHW, or NHWC when the last axis has 1 or 3 channels and the second does not; a single [H, W] or [N, H, W] array
 * is taken as grayscale.
 */
final class ImageArrays {
    private ImageArrays() {
    }

    static Tensor read(Path file) throws IOException {
        Tensor t = Npy.read(file);
        if (t.dtype().isFloating()) {
            checkUnitRange(file, t.toDoubleArray());
        }
        Tensor x = t.dtype().isFloating() ? t.to(DType.FLOAT32) : t.to(DType.FLOAT32).div(255.0);
        x = switch (x.dim()) {
            case 2 -> x.reshape(1, 1, x.shape(0), x.shape(1));
            case 3 -> x.unsqueeze(1);
            case 4 -> isNhwc(x) ? x.permute(0, 3, 1, 2).contiguous() : x;
            default -> throw new IOException(file + ": expected images [N, C, H, W], [N, H, W, C], [N, H, W] or "
                    + "[H, W], found shape " + java.util.Arrays.toString(x.shape()));
        };
        if (x.numel() == 0) {
            throw new IOException(file + ": holds no images (shape " + java.util.Arrays.toString(t.shape()) + ")");
        }
        return x;
    }

    /** Float images must be pixel values in [0, 1]: 0–255 floats or NaN would be classified as garbage. */
    private static void checkUnitRange(Path file, double[] v) throws IOException {
        double max = 0;
        for (int i = 0; i < v.length; i++) {
            if (!(v[i] >= 0 && v[i] <= 1)) {
                max = Math.max(max, v[i]);
                if (Double.isNaN(v[i]) || max <= 1) {
                    throw new IOException(file + ": float images must lie in [0, 1]; element " + i + " is " + v[i]);
                }
            }
        }
        if (max > 1) {
            throw new IOException(file + ": float images must lie in [0, 1], found values up to " + max
                    + (max <= 255 ? " (0-255 pixel values? divide by 255, or save them as uint8)" : ""));
        }
    }

    private static boolean isNhwc(Tensor x) {
        int c = x.shape(3);
        return (c == 1 || c == 3) && x.shape(1) != 1 && x.shape(1) != 3;
    }
}
