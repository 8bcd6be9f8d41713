package sabre.kernels.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import sabre.tensor.DType;
import sabre.tensor.Tensor;
import sabre.tensor.host.HostStorage;
import sabre.tensor.spi.Backend;

import java.util.ArrayList;
import java.util.List;

/**
 * Host-array helpers shared by the CPU kernels: typed access to {@link HostStorage}, collapsing of strided layouts,
 * fast (parallel) strided gathers and a blocked summation of contiguous runs.
 */
final class Host {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    /** Elements summed in float lanes before the partial is added to a double accumulator. */
    static final int SUM_CHUNK = 1024;

    private Host() {
    }

    static boolean isF32(Tensor t) {
        return t.storage() instanceof HostStorage.F32;
    }

    static boolean allF32(Tensor... ts) {
        for (Tensor t : ts) {
            if (t != null && !isF32(t)) {
                return false;
            }
        }
        return true;
    }

    /** Whether no element is NaN or ±Inf: {@code v − v} is 0 exactly for finite v, so the lane sums stay 0. */
    static boolean allFinite(float[] x) {
        FloatVector acc = FloatVector.zero(S);
        int i = 0;
        for (int end = S.loopBound(x.length); i < end; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            acc = acc.add(v.sub(v));
        }
        float tail = 0;
        for (; i < x.length; i++) {
            tail += x[i] - x[i];
        }
        return acc.reduceLanes(VectorOperators.ADD) + tail == 0;
    }

    static float[] data(Tensor t) {
        return ((HostStorage.F32) t.storage()).data;
    }

    static Tensor wrap(Backend b, float[] data, int[] shape) {
        return Tensor.wrap(new HostStorage.F32(b, data), shape);
    }

    static int numel(int[] shape) {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        return n;
    }

    /**
     * A layout collapsed for iteration: size-1 dimensions dropped, adjacent dimensions merged where every operand
     * is contiguous across them. {@code shape} has rank ≥ 1; {@code strides[k]} are operand k's strides.
     */
    record Layout(int[] shape, int[][] strides) {
        int rank() {
            return shape.length;
        }

        int inner() {
            return shape[shape.length - 1];
        }

        int innerStride(int k) {
            return strides[k][shape.length - 1];
        }

        /** Number of rows (product of all but the last dimension). */
        int rows() {
            int r = 1;
            for (int d = 0; d < shape.length - 1; d++) {
                r *= shape[d];
            }
            return r;
        }

        /** Offset of row {@code r}'s first element for operand {@code k} (relative to its base offset). */
        int rowOffset(int k, int r) {
            int off = 0;
            int[] st = strides[k];
            for (int d = shape.length - 2; d >= 0 && r > 0; d--) {
                int idx = r % shape[d];
                r /= shape[d];
                off += idx * st[d];
            }
            return off;
        }
    }

    /** Collapses {@code shape} under the given per-operand strides. */
    static Layout collapse(int[] shape, int[]... strides) {
        List<Integer> dims = new ArrayList<>();
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] != 1) {
                dims.add(d);
            }
        }
        int ops = strides.length;
        List<int[]> outShape = new ArrayList<>(); // [size]
        List<int[]> outStrides = new ArrayList<>(); // per dim: strides of each operand
        for (int d : dims) {
            if (!outShape.isEmpty()) {
                int[] prevSt = outStrides.get(outStrides.size() - 1);
                boolean merge = true;
                for (int k = 0; k < ops; k++) {
                    if (prevSt[k] != strides[k][d] * shape[d]) {
                        merge = false;
                        break;
                    }
                }
                if (merge) {
                    outShape.get(outShape.size() - 1)[0] *= shape[d];
                    for (int k = 0; k < ops; k++) {
                        prevSt[k] = strides[k][d];
                    }
                    continue;
                }
            }
            outShape.add(new int[] {shape[d]});
            int[] st = new int[ops];
            for (int k = 0; k < ops; k++) {
                st[k] = strides[k][d];
            }
            outStrides.add(st);
        }
        if (outShape.isEmpty()) {
            outShape.add(new int[] {1});
            outStrides.add(new int[ops]);
        }
        int rank = outShape.size();
        int[] s = new int[rank];
        int[][] st = new int[ops][rank];
        for (int d = 0; d < rank; d++) {
            s[d] = outShape.get(d)[0];
            for (int k = 0; k < ops; k++) {
                st[k][d] = outStrides.get(d)[k];
            }
        }
        return new Layout(s, st);
    }

    /** Row-major contiguous strides. */
    static int[] contiguousStrides(int[] shape) {
        int[] st = new int[shape.length];
        int s = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            st[d] = s;
            s *= shape[d];
        }
        return st;
    }

    /** The elements of a FLOAT32 tensor, row-major, in a new array. */
    static float[] gather(Tensor t) {
        float[] out = new float[t.numel()];
        gatherInto(t, out);
        return out;
    }

    /** Copies the elements of a FLOAT32 tensor, row-major, into {@code out}. */
    static void gatherInto(Tensor t, float[] out) {
        int n = out.length;
        if (n == 0) {
            return;
        }
        float[] src = data(t);
        int base = t.offset();
        int[] shape = t.shape();
        Layout lay = collapse(shape, t.strides(), contiguousStrides(shape));
        int inner = lay.inner();
        int is = lay.innerStride(0);
        int rows = lay.rows();
        if (rows == 1 && is == 1) {
            System.arraycopy(src, base, out, 0, n);
            return;
        }
        Parallel.range(rows, inner, 1 << 16, (lo, hi) -> {
            for (int r = lo; r < hi; r++) {
                int s = base + lay.rowOffset(0, r);
                int o = r * inner;
                if (is == 1) {
                    System.arraycopy(src, s, out, o, inner);
                } else {
                    for (int j = 0; j < inner; j++) {
                        out[o + j] = src[s + j * is];
                    }
                }
            }
        });
    }

    /** A FLOAT32 tensor's data as a dense row-major array: its storage when already dense at offset 0. */
    static float[] dense(Tensor t) {
        if (t.isContiguous() && t.offset() == 0 && data(t).length == t.numel()) {
            return data(t);
        }
        return gather(t);
    }

    /**
     * Σ of the lanes in lane order, in double. (Not {@code reduceLanes(ADD)}: its order is unspecified and differs
     * between the intrinsic and the interpreter, so its bits would depend on JIT state.)
     */
    static double lanes(FloatVector v) {
        double s = 0;
        for (int i = 0; i < L; i++) {
            s += v.lane(i);
        }
        return s;
    }

    /** Σ x[off .. off+len) accumulated in float lanes over chunks of {@link #SUM_CHUNK}, chunks summed in double. */
    static double sumRun(float[] x, int off, int len) {
        double acc = 0;
        for (int c0 = 0; c0 < len; c0 += SUM_CHUNK) {
            int c1 = Math.min(len, c0 + SUM_CHUNK);
            int i = c0;
            double part = 0;
            if (c1 - c0 >= L) {
                FloatVector v0 = FloatVector.zero(S);
                FloatVector v1 = FloatVector.zero(S);
                FloatVector v2 = FloatVector.zero(S);
                FloatVector v3 = FloatVector.zero(S);
                for (; i + 4 * L <= c1; i += 4 * L) {
                    v0 = v0.add(FloatVector.fromArray(S, x, off + i));
                    v1 = v1.add(FloatVector.fromArray(S, x, off + i + L));
                    v2 = v2.add(FloatVector.fromArray(S, x, off + i + 2 * L));
                    v3 = v3.add(FloatVector.fromArray(S, x, off + i + 3 * L));
                }
                for (; i + L <= c1; i += L) {
                    v0 = v0.add(FloatVector.fromArray(S, x, off + i));
                }
                part = lanes(v0.add(v1).add(v2.add(v3)));
            }
            for (; i < c1; i++) {
                part += x[off + i];
            }
            acc += part;
        }
        return acc;
    }

    /** Σ (x − m)² over a run, blocked like {@link #sumRun}. */
    static double sumSquaredDeviationRun(float[] x, int off, int len, float m) {
        double acc = 0;
        FloatVector mv = FloatVector.broadcast(S, m);
        for (int c0 = 0; c0 < len; c0 += SUM_CHUNK) {
            int c1 = Math.min(len, c0 + SUM_CHUNK);
            int i = c0;
            double part = 0;
            if (c1 - c0 >= L) {
                FloatVector v0 = FloatVector.zero(S);
                FloatVector v1 = FloatVector.zero(S);
                for (; i + 2 * L <= c1; i += 2 * L) {
                    FloatVector d0 = FloatVector.fromArray(S, x, off + i).sub(mv);
                    FloatVector d1 = FloatVector.fromArray(S, x, off + i + L).sub(mv);
                    v0 = d0.fma(d0, v0);
                    v1 = d1.fma(d1, v1);
                }
                for (; i + L <= c1; i += L) {
                    FloatVector d0 = FloatVector.fromArray(S, x, off + i).sub(mv);
                    v0 = d0.fma(d0, v0);
                }
                part = lanes(v0.add(v1));
            }
            for (; i < c1; i++) {
                double d = x[off + i] - m;
                part += d * d;
            }
            acc += part;
        }
        return acc;
    }

    /** Σ g·(x − m) over two aligned runs, blocked like {@link #sumRun}. */
    static double dotDeviationRun(float[] g, int go, float[] x, int xo, int len, float m) {
        double acc = 0;
        FloatVector mv = FloatVector.broadcast(S, m);
        for (int c0 = 0; c0 < len; c0 += SUM_CHUNK) {
            int c1 = Math.min(len, c0 + SUM_CHUNK);
            int i = c0;
            double part = 0;
            if (c1 - c0 >= L) {
                FloatVector v0 = FloatVector.zero(S);
                FloatVector v1 = FloatVector.zero(S);
                for (; i + 2 * L <= c1; i += 2 * L) {
                    v0 = FloatVector.fromArray(S, x, xo + i).sub(mv).fma(FloatVector.fromArray(S, g, go + i), v0);
                    v1 = FloatVector.fromArray(S, x, xo + i + L).sub(mv)
                            .fma(FloatVector.fromArray(S, g, go + i + L), v1);
                }
                for (; i + L <= c1; i += L) {
                    v0 = FloatVector.fromArray(S, x, xo + i).sub(mv).fma(FloatVector.fromArray(S, g, go + i), v0);
                }
                part = lanes(v0.add(v1));
            }
            for (; i < c1; i++) {
                part += (double) g[go + i] * (x[xo + i] - m);
            }
            acc += part;
        }
        return acc;
    }

    /** {@code out = y > 0 ? g : 0} over aligned runs: ReLU's backward as a select, so inf/NaN in g at y ≤ 0 give 0. */
    static void reluBackwardRun(float[] g, int go, float[] y, int yo, float[] out, int o, int len) {
        int i = 0;
        FloatVector zero = FloatVector.zero(S);
        for (; i + L <= len; i += L) {
            zero.blend(FloatVector.fromArray(S, g, go + i),
                    FloatVector.fromArray(S, y, yo + i).compare(VectorOperators.GT, 0f)).intoArray(out, o + i);
        }
        for (; i < len; i++) {
            out[o + i] = y[yo + i] > 0 ? g[go + i] : 0f;
        }
    }

    /** True for FLOAT32 tensors. */
    static boolean f32(DType t) {
        return t == DType.FLOAT32;
    }
}
