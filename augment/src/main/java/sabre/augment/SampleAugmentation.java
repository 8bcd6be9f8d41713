package sabre.augment;

import sabre.data.FloatImage;
import sabre.data.Transform;
import sabre.tensor.Generator;

/**
 * An augmentation of one image that may depend on which sample it is and when: it gets the sample's data-set
 * {@code index} (to look up per-image data such as AdvMask's sensitive points), the 0-based {@code epoch}, the run's
 * {@code epochs} (for probability ramps) and a generator of its own for every random choice. It returns a new image
 * and never modifies its input.
 *
 * <pre>{@code SampleAugmentation cutout = new Cutout(16, 1, Fill.constant(0.5f));}</pre>
 */
@FunctionalInterface
public interface SampleAugmentation {
    /** The augmented image. */
    FloatImage apply(FloatImage image, int index, int epoch, int epochs, Generator random);

    /** A plain per-sample {@link Transform} (which needs neither index nor epoch) as a sample augmentation. */
    static SampleAugmentation of(Transform transform) {
        return (image, index, epoch, epochs, random) -> transform.apply(image, random);
    }
}
