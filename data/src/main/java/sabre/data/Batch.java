package sabre.data;

import sabre.tensor.Tensor;

/**
 * One mini-batch from a {@link DataLoader}: {@code images} FLOAT32 [B, C, H, W] (pixels in [0, 1] before any
 * transform), {@code labels} INT32 [B], and {@code indices}, the data-set position of each sample. The record's
 * {@code equals} compares the tensors and the array by identity.
 *
 * <pre>{@code for (Batch b : loader.epoch(0)) { Tensor x = b.images(); Tensor y = b.labels(); }}</pre>
 */
public record Batch(Tensor images, Tensor labels, int[] indices) {
    /** Number of samples B. */
    public int size() {
        return indices.length;
    }
}
