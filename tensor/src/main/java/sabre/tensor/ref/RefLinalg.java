package sabre.tensor.ref;

import sabre.tensor.Tensor;
import sabre.tensor.spi.Backend;
import sabre.tensor.spi.LinalgOps;

import java.util.Arrays;

/** Batched matrix product for the reference backend: the textbook triple loop per batch element. */
public final class RefLinalg extends RefKernel implements LinalgOps {
    /** The reference implementation, allocating its results as host memory of {@code backend}. */
    public RefLinalg(Backend backend) {
        super(backend);
    }

    @Override
    public Tensor matmul(Tensor a, Tensor b) {
        int[] as = a.shape();
        int rank = as.length;
        int m = as[rank - 2];
        int k = as[rank - 1];
        int n = b.shape(rank - 1);
        int batch = prod(as, 0, rank - 2);
        double[] x = read(a);
        double[] y = read(b);
        double[] out = new double[batch * m * n];
        for (int t = 0; t < batch; t++) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double acc = 0; // C[i,j] = Σ_p A[i,p]·B[p,j]
                    for (int p = 0; p < k; p++) {
                        acc += x[(t * m + i) * k + p] * y[(t * k + p) * n + j];
                    }
                    out[(t * m + i) * n + j] = acc;
                }
            }
        }
        int[] shape = Arrays.copyOf(as, rank);
        shape[rank - 1] = n;
        return make(out, shape, a.dtype());
    }
}
