package sabre.kernels.device;

import sabre.tensor.Tensor;
import sabre.tensor.spi.LinalgOps;

/**
 * Batched matmul through the tiled GEMM ({@link Gemm}): operands are read in place through their strides
 * (transposed and broadcast views included); up to two batch dimensions are addressed directly, more are first
 * made contiguous and flattened.
 */
final class DevLinalg extends DevKernel implements LinalgOps {
    DevLinalg(DeviceBackend backend) {
        super(backend);
    }

    @Override
    public Tensor matmul(Tensor a, Tensor b) {
        int rank = a.dim();
        int m = a.shape(rank - 2);
        int k = a.shape(rank - 1);
        int n = b.shape(rank - 1);
        int[] outShape = a.shape();
        outShape[rank - 1] = n;
        if (rank > 4) { // more than two batch dimensions: flatten them through contiguous copies
            Tensor ad = dense(a);
            Tensor bd = dense(b);
            int batch = prod(outShape, 0, rank - 2);
            Tensor c = matmul(ad.reshape(batch, m, k), bd.reshape(batch, k, n)).reshape(outShape);
            done(ad, a);
            done(bd, b);
            return c;
        }
        Tensor c = alloc(a.dtype(), outShape);
        int nb1 = rank > 2 ? a.shape(0) : 1;
        int nb2 = rank > 3 ? a.shape(1) : 1;
        Gemm.run(rt(), a.dtype(), m, n, k, nb1, nb2, mat(a), storage(a), mat(b), storage(b), mat(c), storage(c),
                false);
        return c;
    }

    /** The GEMM addressing of a rank-2..4 tensor: batch strides, then row and column strides. */
    private static Gemm.Mat mat(Tensor t) {
        int[] s = t.strides();
        int r = s.length;
        return new Gemm.Mat(t.offset(), r > 2 ? s[0] : 0, r > 3 ? s[1] : 0, s[r - 2], s[r - 1]);
    }

    private static DevStorage storage(Tensor t) {
        return (DevStorage) t.storage();
    }
}
