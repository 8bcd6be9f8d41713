package sabre.tensor;

import sabre.tensor.spi.Backend;

/**
 * Opaque memory owned by a backend. Only the backend that created a storage reads or writes its elements; everyone
 * else moves data through {@link Tensor#of(float[], int...)}, {@link Tensor#toDoubleArray()} and
 * {@link Tensor#to(Device)}.
 */
public interface Storage {
    /** The backend that owns this memory. */
    Backend backend();

    /** Element type. */
    DType dtype();

    /** Number of elements allocated. */
    int size();
}
