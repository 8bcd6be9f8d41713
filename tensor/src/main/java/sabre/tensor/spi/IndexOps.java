package sabre.tensor.spi;

import sabre.tensor.DType;
import sabre.tensor.Tensor;
import sabre.tensor.ValuesIndices;

/** Indexing, selection and ordering. Index tensors are INT32; an index out of range raises naming the op. */
public interface IndexOps {
    /** {@code out[i][j][k] = x[i][index[i][j][k]][k]} for axis 1 (and likewise for other axes). */
    Tensor gather(Tensor x, int axis, Tensor index);

    /** A copy of {@code x} with {@code src} added at the positions {@code index} names along {@code axis}. */
    Tensor scatterAdd(Tensor x, int axis, Tensor index, Tensor src);

    /** The slices of {@code x} at the 1-D {@code index} positions along {@code axis}. */
    Tensor indexSelect(Tensor x, int axis, Tensor index);

    /** One-hot encoding: a new last axis of size {@code numClasses}. */
    Tensor oneHot(Tensor index, int numClasses, DType dtype);

    /** The k largest (or smallest) values along {@code axis}, sorted when asked; ties keep the lower index first. */
    ValuesIndices topk(Tensor x, int k, int axis, boolean largest, boolean sorted);

    /** Stable sort along {@code axis}; NaN sorts last in ascending order. */
    ValuesIndices sort(Tensor x, int axis, boolean descending);
}
