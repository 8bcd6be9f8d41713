package sabre.attacks;

import sabre.tensor.Generator;
import sabre.tensor.Tensor;

/**
 * Per-image random generators keyed by the attack's seed and the image's own pixels, so an image draws the same
 * random start, target or encoder weights whether it is attacked alone or anywhere inside a batch.
 *
 * <pre>{@code Generator g = SampleSeeds.forImage(seed, images, n);}</pre>
 */
public final class SampleSeeds {
    private SampleSeeds() {
    }

    /** The generator for image {@code n} of {@code images} [N, ...]. */
    public static Generator forImage(long seed, Tensor images, int n) {
        float[] pixels = images.select(0, n).toFloatArray();
        long h = seed ^ 0x9E3779B97F4A7C15L;
        for (float p : pixels) {
            h = mix(h ^ Float.floatToIntBits(p));
        }
        return new Generator(mix(h + pixels.length));
    }

    /** One generator per image. */
    public static Generator[] forImages(long seed, Tensor images) {
        Generator[] out = new Generator[images.shape(0)];
        for (int n = 0; n < out.length; n++) {
            out[n] = forImage(seed, images, n);
        }
        return out;
    }

    // SplitMix64's finaliser: a bijective 64-bit mix
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
