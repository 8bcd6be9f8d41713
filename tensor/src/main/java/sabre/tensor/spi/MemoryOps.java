package sabre.tensor.spi;

import sabre.tensor.DType;
import sabre.tensor.Tensor;

/** Allocation, host transfer, layout copies and casts. All host arrays are in row-major logical order. */
public interface MemoryOps {
    /** A new contiguous tensor holding {@code data} converted to {@code dtype} (FLOAT32 rounds to nearest). */
    Tensor fromDoubles(double[] data, int[] shape, DType dtype);

    /** A new contiguous FLOAT32 tensor holding {@code data}. */
    Tensor fromFloats(float[] data, int[] shape);

    /** A new contiguous tensor of {@code dtype} holding {@code data} (BOOL: non-zero is true). */
    Tensor fromInts(int[] data, int[] shape, DType dtype);

    /** A new contiguous tensor with every element equal to {@code value}. */
    Tensor full(int[] shape, DType dtype, double value);

    /** The elements of a (possibly strided) tensor as doubles, row-major. */
    double[] toDoubles(Tensor t);

    /** The elements as floats, row-major. */
    float[] toFloats(Tensor t);

    /** The elements as ints (floating values truncated toward zero), row-major. */
    int[] toInts(Tensor t);

    /** A fresh contiguous copy of a (possibly strided) tensor. */
    Tensor contiguous(Tensor t);

    /** A fresh contiguous copy converted to {@code dtype}: floats to INT32 truncate toward zero, to BOOL test ≠ 0. */
    Tensor cast(Tensor t, DType dtype);
}
