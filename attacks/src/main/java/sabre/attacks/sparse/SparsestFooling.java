package sabre.attacks.sparse;

import sabre.attacks.Batch;
import sabre.tensor.DType;
import sabre.tensor.Tensor;

import java.util.Arrays;

/**
 * Keeps, per image, the adversarial candidate with the fewest changed entries among those that fool the model (the
 * first one on ties), starting from the images themselves with "nothing found".
 *
 * <pre>{@code SparsestFooling best = new SparsestFooling(batch, true); best.offer(adv, mask); Pruned p = best.kept();}</pre>
 */
final class SparsestFooling {
    private final Batch batch;
    private final boolean countPixels;
    private final int[] l0;
    private Tensor images;
    private Tensor masks;

    /** @param countPixels measure sparsity in pixels (H·W positions) instead of elements */
    SparsestFooling(Batch batch, boolean countPixels) {
        this.batch = batch;
        this.countPixels = countPixels;
        this.l0 = new int[batch.size()];
        Arrays.fill(l0, Integer.MAX_VALUE);
        this.images = batch.images();
        this.masks = Tensor.zerosLike(images);
    }

    /**
     * Evaluates {@code candidate} = x + δ⊙mask [N, C, H, W] and keeps each image's part (and its mask, broadcast to
     * the images' shape) where it fools with a smaller L0; returns which images the candidate fooled.
     */
    boolean[] offer(Tensor candidate, Tensor mask) {
        boolean[] fooled = batch.fooled(batch.model().logits(candidate, 256));
        int[] counts = changed(candidate);
        boolean[] take = new boolean[fooled.length];
        boolean any = false;
        for (int n = 0; n < take.length; n++) {
            take[n] = fooled[n] && counts[n] < l0[n];
            if (take[n]) {
                l0[n] = counts[n];
                any = true;
            }
        }
        if (any) {
            int[] shape = {take.length, 1, 1, 1};
            Tensor keep = Tensor.ofBools(take, shape).to(candidate.device()).to(DType.BOOL);
            images = Tensor.where(keep, candidate, images);
            masks = Tensor.where(keep, mask.expand(images.shape()), masks);
        }
        return fooled;
    }

    /** True where a fooling candidate has been kept. */
    boolean found(int n) {
        return l0[n] != Integer.MAX_VALUE;
    }

    /** The kept candidates (the original image and a zero mask where none was found). */
    Pruned kept() {
        return new Pruned(images, masks);
    }

    private int[] changed(Tensor candidate) {
        Tensor diff = candidate.ne(batch.images()).to(DType.FLOAT32);
        if (countPixels) {
            diff = diff.amax(new int[] {1}, false);
        }
        return diff.flatten(1, -1).sum(new int[] {1}, false).to(DType.INT32).toIntArray();
    }
}
