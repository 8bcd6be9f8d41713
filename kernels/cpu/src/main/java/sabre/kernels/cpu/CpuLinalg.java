package sabre.kernels.cpu;

import sabre.tensor.Tensor;
import sabre.tensor.ref.RefLinalg;
import sabre.tensor.spi.Backend;
import sabre.tensor.spi.LinalgOps;

/**
 * Batched FLOAT32 matmul on {@link Sgemm}. Operands are read in place through their strides (a transposed view is
 * packed straight from its storage, a broadcast batch dimension has stride 0). Many small products run one per
 * task; otherwise each product spreads its tiles over the threads — the bits are the same either way. FLOAT64 (and
 * integer) products use the reference implementation.
 */
final class CpuLinalg implements LinalgOps {
    private final Backend backend;
    private final RefLinalg ref;

    CpuLinalg(Backend backend) {
        this.backend = backend;
        this.ref = new RefLinalg(backend);
    }

    @Override
    public Tensor matmul(Tensor a, Tensor b) {
        if (!Host.isF32(a) || !Host.isF32(b)) {
            return ref.matmul(a, b);
        }
        int[] as = a.shape();
        int rank = as.length;
        int m = as[rank - 2];
        int k = as[rank - 1];
        int n = b.shape(rank - 1);
        int[] batchShape = java.util.Arrays.copyOf(as, rank - 2);
        int batch = Host.numel(batchShape);
        int[] sa = a.strides();
        int[] sb = b.strides();
        float[] x = Host.data(a);
        float[] y = Host.data(b);
        float[] out = new float[batch * m * n];
        int[] outShape = as.clone();
        outShape[rank - 1] = n;
        if (out.length == 0) {
            return Host.wrap(backend, out, outShape);
        }
        long work = (long) m * n * k;
        Parallel.Task item = t -> {
            int offA = a.offset();
            int offB = b.offset();
            int r = t;
            for (int d = rank - 3; d >= 0; d--) {
                int idx = r % batchShape[d];
                r /= batchShape[d];
                offA += idx * sa[d];
                offB += idx * sb[d];
            }
            Sgemm.gemm(m, n, k, Sgemm.mat(x, offA, sa[rank - 2], sa[rank - 1]),
                    Sgemm.mat(y, offB, sb[rank - 2], sb[rank - 1]), out, t * m * n, n, true);
        };
        if (batch > 1 && (batch >= 4 * Parallel.threads() || work < (1 << 21))) {
            Parallel.run(batch, item); // one product per task: the products run sequentially inside
        } else {
            for (int t = 0; t < batch; t++) {
                item.run(t);
            }
        }
        return Host.wrap(backend, out, outShape);
    }
}
