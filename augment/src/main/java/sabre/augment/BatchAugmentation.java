package sabre.augment;

import sabre.data.FloatImage;
import sabre.tensor.Check;
import sabre.tensor.Tensor;

import java.util.Arrays;

/**
 * The trainer's augmentation seam: maps a batch of images FLOAT32 [B, C, H, W] (pixels in [0, 1], exactly as the
 * data set holds them) to the images the model trains on, knowing each sample's data-set index, the 0-based epoch
 * and the run's number of epochs. It must be a pure function of its arguments (and its own seed), so a resumed run
 * sees the same augmented batches.
 *
 * <p>Stages compose with {@link #then}; {@link #perSample} lifts a {@link SampleAugmentation} into a stage whose
 * sample {@code i} draws from {@link AugmentSeeds#generator AugmentSeeds.generator(seed, stage, epoch, index[i])}.
 *
 * <pre>{@code
 * BatchAugmentation a = BatchAugmentation.perSample(advMask, seed, 0)
 *         .then(BatchAugmentation.perSample(SampleAugmentation.of(cropFlip), seed, 1));
 * Tensor x = a.apply(batch.images(), batch.indices(), epoch, epochs);
 * }</pre>
 */
@FunctionalInterface
public interface BatchAugmentation {
    /** The augmented batch [B, C, H, W] for samples {@code indices} (data-set positions) in {@code epoch}. */
    Tensor apply(Tensor images, int[] indices, int epoch, int epochs);

    /** The identity. */
    static BatchAugmentation none() {
        return (images, indices, epoch, epochs) -> images;
    }

    /** This stage, then {@code next}. */
    default BatchAugmentation then(BatchAugmentation next) {
        return (images, indices, epoch, epochs) -> next.apply(apply(images, indices, epoch, epochs), indices, epoch,
                epochs);
    }

    /** {@code sample} applied to every image of the batch, each with its own generator of stage {@code stage}. */
    static BatchAugmentation perSample(SampleAugmentation sample, long seed, int stage) {
        return (images, indices, epoch, epochs) -> {
            Check.rank("augmentation", images, 4, "images [B, C, H, W]");
            Check.arg(images.shape(0) == indices.length, "augmentation", "%d images but %d indices",
                    images.shape(0), indices.length);
            int[] s = images.shape();
            int per = s[1] * s[2] * s[3];
            float[] in = images.toFloatArray();
            float[] out = null;
            int[] outShape = null;
            for (int k = 0; k < indices.length; k++) {
                FloatImage x = new FloatImage(s[1], s[2], s[3], Arrays.copyOfRange(in, k * per, (k + 1) * per));
                FloatImage y = sample.apply(x, indices[k], epoch, epochs,
                        AugmentSeeds.generator(seed, stage, epoch, indices[k]));
                int[] ys = {y.channels(), y.height(), y.width()};
                if (out == null) {
                    outShape = ys;
                    out = new float[indices.length * y.numel()];
                }
                Check.arg(Arrays.equals(outShape, ys), "augmentation", "sample %d became %s but sample %d %s",
                        indices[k], Arrays.toString(ys), indices[0], Arrays.toString(outShape));
                System.arraycopy(y.data(), 0, out, k * y.numel(), y.numel());
            }
            if (out == null) {
                return images;
            }
            return Tensor.of(out, indices.length, outShape[0], outShape[1], outShape[2]).to(images.device());
        };
    }
}
