package sabre.data;

import sabre.tensor.Generator;
import sabre.tensor.Tensor;

import java.util.List;

/**
 * A per-sample image transform: takes one image and the sample's own {@link Generator} and returns a new image
 * (never modifying its input). Random transforms draw only from that generator, through {@link SampleRandom}, so
 * the result is a function of the image and the generator's seed — the {@link DataLoader} seeds it from
 * (loader seed, epoch, sample index), making augmentation independent of threads and batch composition.
 * Deterministic transforms ignore the generator. Composed transforms share it, drawing in order.
 *
 * <pre>{@code
 * Transform train = Transform.compose(new RandomCrop(32, 32, 4), new RandomHorizontalFlip(0.5));
 * FloatImage out = train.apply(dataset.floatImage(0), new Generator(7));
 * }</pre>
 */
@FunctionalInterface
public interface Transform {
    /** The transformed image; {@code random} supplies any random choices. */
    FloatImage apply(FloatImage image, Generator random);

    /** The same transform on a FLOAT32/FLOAT64 tensor [C, H, W]; returns a FLOAT32 tensor. */
    default Tensor apply(Tensor chw, Generator random) {
        return apply(FloatImage.of(chw), random).toTensor();
    }

    /** The transforms applied left to right; with none, the identity. */
    static Transform compose(Transform... steps) {
        List<Transform> list = List.of(steps);
        return (image, random) -> {
            FloatImage out = image;
            for (Transform step : list) {
                out = step.apply(out, random);
            }
            return out;
        };
    }
}
