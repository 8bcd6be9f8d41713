package sabre.kernels.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import sabre.tensor.AdamStep;
import sabre.tensor.BinaryOp;
import sabre.tensor.CompareOp;
import sabre.tensor.DType;
import sabre.tensor.SgdStep;
import sabre.tensor.Tensor;
import sabre.tensor.UnaryOp;
import sabre.tensor.host.HostStorage;
import sabre.tensor.ref.RefElementwise;
import sabre.tensor.spi.Backend;
import sabre.tensor.spi.ElementwiseOps;

/**
 * FLOAT32 elementwise ops over any layout: the operands' layout is collapsed ({@link Host#collapse}) to rows whose
 * inner stride is 1 (vectorised), 0 (a broadcast scalar, e.g. a per-channel bias) or anything else (scalar loop);
 * rows are spread over the threads. The output is a new contiguous tensor.
 * <ul>
 *   <li>neg, abs, relu, sqrt, add, sub, mul, div, maximum, minimum, clamp, comparisons, where: Vector API in float.
 *       Each is one correctly rounded operation, so the results equal the reference's (double, rounded once).</li>
 *   <li>rsqrt: {@code 1/sqrt(x)} in float vectors (two roundings: within 1 ulp of the reference).</li>
 *   <li>exp, log, tanh, sigmoid, softplus, sign, floor, ceil, pow: the reference's double formula per element,
 *       rounded once: bit-identical. (The JDK's SVML vector math is 30× faster for exp but its last bit depends on
 *       whether C2 has compiled the loop yet, which would make results depend on JIT state; a deterministic
 *       polynomial exp is future work.)</li>
 *   <li>FLOAT64, INT32 and BOOL operands: the reference implementation.</li>
 *   <li>Fused ops, one pass each: ReLU's backward (a select), {@code relu(a + b)} and the SGD step, each with the
 *       same float operations as the unfused sequence, so the results are bit-identical to it.</li>
 * </ul>
 */
final class CpuElementwise implements ElementwiseOps {
    private static final VectorSpecies<Float> S = Host.S;
    private static final int L = Host.L;
    private static final long GRAIN = 1 << 15;

    private final Backend backend;
    private final RefElementwise ref;

    CpuElementwise(Backend backend) {
        this.backend = backend;
        this.ref = new RefElementwise(backend);
    }

    /** One contiguous output segment: output position, operand offsets, length. */
    @FunctionalInterface
    private interface Segment {
        void run(int out, int o0, int o1, int o2, int len);
    }

    /**
     * Walks the output in row segments, in parallel: {@code body(out, off_k...)} with each operand's absolute
     * offset; the inner strides are {@code lay.innerStride(k)}.
     */
    private static void forSegments(Host.Layout lay, int[] base, int n, Segment body) {
        int inner = lay.inner();
        int ops = base.length;
        int tasks = Parallel.tasks(n, GRAIN);
        Parallel.run(tasks, t -> {
            int lo = (int) ((long) n * t / tasks);
            int hi = (int) ((long) n * (t + 1) / tasks);
            int r = lo / inner;
            int col = lo % inner;
            while (lo < hi) {
                int len = Math.min(inner - col, hi - lo);
                int o0 = base[0] + lay.rowOffset(0, r) + col * lay.innerStride(0);
                int o1 = ops > 1 ? base[1] + lay.rowOffset(1, r) + col * lay.innerStride(1) : 0;
                int o2 = ops > 2 ? base[2] + lay.rowOffset(2, r) + col * lay.innerStride(2) : 0;
                body.run(lo, o0, o1, o2, len);
                lo += len;
                r++;
                col = 0;
            }
        });
    }

    // ---------------------------------------------------------------- unary

    @Override
    public Tensor unary(UnaryOp op, Tensor x) {
        if (!Host.isF32(x)) {
            return ref.unary(op, x);
        }
        int[] shape = x.shape();
        int n = Host.numel(shape);
        float[] out = new float[n];
        float[] src = Host.data(x);
        Host.Layout lay = Host.collapse(shape, x.strides());
        int is = lay.innerStride(0);
        forSegments(lay, new int[] {x.offset()}, n, (o, a, unused1, unused2, len) -> {
            if (is == 1 && vectorUnary(op, src, a, out, o, len)) {
                return;
            }
            for (int j = 0; j < len; j++) {
                out[o + j] = (float) RefElementwise.apply(op, src[a + j * is]);
            }
        });
        return Host.wrap(backend, out, shape);
    }

    /**
     * Vector forms of the ops built from correctly rounded IEEE operations; false for the others. The JDK's vector
     * math (EXP, LOG, TANH: SVML once C2 has compiled the loop, a per-lane Java fallback before) is deliberately not
     * used: its last bit would depend on JIT state, and results must not.
     */
    private static boolean vectorUnary(UnaryOp op, float[] x, int a, float[] out, int o, int len) {
        switch (op) {
            case NEG, ABS, RELU, SQRT, RSQRT -> {
            }
            default -> {
                return false;
            }
        }
        int j = 0;
        for (; j + L <= len; j += L) {
            vunary(op, FloatVector.fromArray(S, x, a + j)).intoArray(out, o + j);
        }
        if (j < len) {
            // the tail through the same vector code (masked), so no element's value depends on where a row or a
            // thread's share of the work begins
            VectorMask<Float> m = S.indexInRange(j, len);
            vunary(op, FloatVector.fromArray(S, x, a + j, m)).intoArray(out, o + j, m);
        }
        return true;
    }

    private static FloatVector vunary(UnaryOp op, FloatVector v) {
        FloatVector zero = FloatVector.zero(S);
        FloatVector one = FloatVector.broadcast(S, 1f);
        return switch (op) {
            case NEG -> v.neg();
            case ABS -> v.abs();
            case RELU -> v.max(zero); // Math.max semantics: NaN stays NaN, −0 becomes +0
            case SQRT -> v.lanewise(VectorOperators.SQRT);
            case RSQRT -> one.div(v.lanewise(VectorOperators.SQRT));
            default -> throw new AssertionError(op);
        };
    }


    // ---------------------------------------------------------------- clamp

    @Override
    public Tensor clamp(Tensor x, double lo, double hi) {
        if (!Host.isF32(x)) {
            return ref.clamp(x, lo, hi);
        }
        // for float x, min(max(x, lo), hi) in double rounds to the same float as clamping to the rounded bounds
        float flo = (float) lo;
        float fhi = (float) hi;
        int[] shape = x.shape();
        int n = Host.numel(shape);
        float[] out = new float[n];
        float[] src = Host.data(x);
        Host.Layout lay = Host.collapse(shape, x.strides());
        int is = lay.innerStride(0);
        forSegments(lay, new int[] {x.offset()}, n, (o, a, unused1, unused2, len) -> {
            int j = 0;
            if (is == 1) {
                FloatVector vl = FloatVector.broadcast(S, flo);
                FloatVector vh = FloatVector.broadcast(S, fhi);
                for (; j + L <= len; j += L) {
                    FloatVector.fromArray(S, src, a + j).max(vl).min(vh).intoArray(out, o + j);
                }
            }
            for (; j < len; j++) {
                out[o + j] = Math.min(Math.max(src[a + j * is], flo), fhi);
            }
        });
        return Host.wrap(backend, out, shape);
    }

    // ---------------------------------------------------------------- binary

    @Override
    public Tensor binary(BinaryOp op, Tensor a, Tensor b) {
        if (!Host.isF32(a) || !Host.isF32(b)) {
            return ref.binary(op, a, b);
        }
        int[] shape = a.shape();
        int n = Host.numel(shape);
        float[] out = new float[n];
        float[] x = Host.data(a);
        float[] y = Host.data(b);
        Host.Layout lay = Host.collapse(shape, a.strides(), b.strides());
        int sa = lay.innerStride(0);
        int sb = lay.innerStride(1);
        forSegments(lay, new int[] {a.offset(), b.offset()}, n, (o, oa, ob, unused, len) -> {
            int j = 0;
            if (op != BinaryOp.POW) {
                if (sa == 1 && sb == 1) {
                    j = contiguous(op, x, oa, y, ob, out, o, len);
                } else if (sa == 1 && sb == 0) {
                    FloatVector vb = FloatVector.broadcast(S, y[ob]);
                    for (; j + L <= len; j += L) {
                        vbin(op, FloatVector.fromArray(S, x, oa + j), vb).intoArray(out, o + j);
                    }
                } else if (sa == 0 && sb == 1) {
                    FloatVector va = FloatVector.broadcast(S, x[oa]);
                    for (; j + L <= len; j += L) {
                        vbin(op, va, FloatVector.fromArray(S, y, ob + j)).intoArray(out, o + j);
                    }
                }
            }
            for (; j < len; j++) {
                out[o + j] = sbin(op, x[oa + j * sa], y[ob + j * sb]);
            }
        });
        return Host.wrap(backend, out, shape);
    }

    /**
     * {@code out = x op y} over whole vectors of two contiguous runs; returns how far it got. The common ops get
     * their own loop: through {@link #vbin} C2 sometimes left the call out of line and boxed every vector
     * (≈ 500 MiB of garbage per ResNet-18 ∂L/∂x step in the gradient sums).
     */
    private static int contiguous(BinaryOp op, float[] x, int oa, float[] y, int ob, float[] out, int o, int len) {
        int j = 0;
        switch (op) {
            case ADD -> {
                for (; j + L <= len; j += L) {
                    FloatVector.fromArray(S, x, oa + j).add(FloatVector.fromArray(S, y, ob + j)).intoArray(out, o + j);
                }
            }
            case MUL -> {
                for (; j + L <= len; j += L) {
                    FloatVector.fromArray(S, x, oa + j).mul(FloatVector.fromArray(S, y, ob + j)).intoArray(out, o + j);
                }
            }
            default -> {
                for (; j + L <= len; j += L) {
                    vbin(op, FloatVector.fromArray(S, x, oa + j), FloatVector.fromArray(S, y, ob + j))
                            .intoArray(out, o + j);
                }
            }
        }
        return j;
    }

    private static FloatVector vbin(BinaryOp op, FloatVector a, FloatVector b) {
        return switch (op) {
            case ADD -> a.add(b);
            case SUB -> a.sub(b);
            case MUL -> a.mul(b);
            case DIV -> a.div(b);
            case MAXIMUM -> a.max(b);
            case MINIMUM -> a.min(b);
            case POW -> throw new AssertionError("pow is computed in double");
        };
    }

    private static float sbin(BinaryOp op, float a, float b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case POW -> (float) Math.pow(a, b);
            case MAXIMUM -> Float.isNaN(a) || Float.isNaN(b) ? Float.NaN : Math.max(a, b);
            case MINIMUM -> Float.isNaN(a) || Float.isNaN(b) ? Float.NaN : Math.min(a, b);
        };
    }

    // ---------------------------------------------------------------- compare, where

    @Override
    public Tensor compare(CompareOp op, Tensor a, Tensor b) {
        if (!Host.isF32(a) || !Host.isF32(b)) {
            return ref.compare(op, a, b);
        }
        int[] shape = a.shape();
        int n = Host.numel(shape);
        boolean[] out = new boolean[n];
        float[] x = Host.data(a);
        float[] y = Host.data(b);
        Host.Layout lay = Host.collapse(shape, a.strides(), b.strides());
        int sa = lay.innerStride(0);
        int sb = lay.innerStride(1);
        forSegments(lay, new int[] {a.offset(), b.offset()}, n, (o, oa, ob, unused, len) -> {
            int j = 0;
            if (sa == 1 && (sb == 1 || sb == 0)) {
                FloatVector vb = FloatVector.broadcast(S, y[ob]);
                for (; j + L <= len; j += L) {
                    FloatVector bv = sb == 1 ? FloatVector.fromArray(S, y, ob + j) : vb;
                    vcompare(op, FloatVector.fromArray(S, x, oa + j), bv).intoArray(out, o + j);
                }
            }
            for (; j < len; j++) {
                float u = x[oa + j * sa];
                float v = y[ob + j * sb];
                out[o + j] = switch (op) {
                    case EQ -> u == v;
                    case NE -> u != v;
                    case LT -> u < v;
                    case LE -> u <= v;
                    case GT -> u > v;
                    case GE -> u >= v;
                };
            }
        });
        return Tensor.wrap(new HostStorage.Bool(backend, out), shape);
    }

    /**
     * The comparison with a constant operator per branch: the Vector API intrinsic needs the condition to be a
     * compile-time constant, otherwise every compare falls back to a per-lane Java loop.
     */
    private static VectorMask<Float> vcompare(CompareOp op, FloatVector a, FloatVector b) {
        return switch (op) {
            case EQ -> a.compare(VectorOperators.EQ, b);
            case NE -> a.compare(VectorOperators.NE, b);
            case LT -> a.compare(VectorOperators.LT, b);
            case LE -> a.compare(VectorOperators.LE, b);
            case GT -> a.compare(VectorOperators.GT, b);
            case GE -> a.compare(VectorOperators.GE, b);
        };
    }

    @Override
    public Tensor where(Tensor cond, Tensor a, Tensor b) {
        if (!Host.isF32(a) || !Host.isF32(b) || cond.dtype() != DType.BOOL) {
            return ref.where(cond, a, b);
        }
        int[] shape = a.shape();
        int n = Host.numel(shape);
        float[] out = new float[n];
        boolean[] c = ((HostStorage.Bool) cond.storage()).data;
        float[] x = Host.data(a);
        float[] y = Host.data(b);
        Host.Layout lay = Host.collapse(shape, cond.strides(), a.strides(), b.strides());
        int sc = lay.innerStride(0);
        int sa = lay.innerStride(1);
        int sb = lay.innerStride(2);
        forSegments(lay, new int[] {cond.offset(), a.offset(), b.offset()}, n, (o, oc, oa, ob, len) -> {
            int j = 0;
            if (sc == 1 && sa == 1 && sb == 1) {
                for (; j + L <= len; j += L) {
                    VectorMask<Float> m = VectorMask.fromArray(S, c, oc + j);
                    FloatVector.fromArray(S, y, ob + j).blend(FloatVector.fromArray(S, x, oa + j), m)
                            .intoArray(out, o + j);
                }
            }
            for (; j < len; j++) {
                out[o + j] = c[oc + j * sc] ? x[oa + j * sa] : y[ob + j * sb];
            }
        });
        return Host.wrap(backend, out, shape);
    }

    // ---------------------------------------------------------------- fused

    @Override
    public Tensor reluBackward(Tensor g, Tensor y) {
        if (!Host.isF32(g) || !Host.isF32(y)) {
            return ref.reluBackward(g, y);
        }
        int[] shape = g.shape();
        int n = Host.numel(shape);
        float[] out = new float[n];
        float[] gd = Host.data(g);
        float[] yd = Host.data(y);
        Host.Layout lay = Host.collapse(shape, g.strides(), y.strides());
        int sg = lay.innerStride(0);
        int sy = lay.innerStride(1);
        forSegments(lay, new int[] {g.offset(), y.offset()}, n, (o, og, oy, unused, len) -> {
            if (sg == 1 && sy == 1) {
                Host.reluBackwardRun(gd, og, yd, oy, out, o, len);
                return;
            }
            for (int j = 0; j < len; j++) {
                out[o + j] = yd[oy + j * sy] > 0 ? gd[og + j * sg] : 0f;
            }
        });
        return Host.wrap(backend, out, shape);
    }

    @Override
    public Tensor addRelu(Tensor a, Tensor b) {
        if (!Host.isF32(a) || !Host.isF32(b)) {
            return ref.addRelu(a, b);
        }
        int[] shape = a.shape();
        int n = Host.numel(shape);
        float[] out = new float[n];
        float[] x = Host.data(a);
        float[] y = Host.data(b);
        Host.Layout lay = Host.collapse(shape, a.strides(), b.strides());
        int sa = lay.innerStride(0);
        int sb = lay.innerStride(1);
        forSegments(lay, new int[] {a.offset(), b.offset()}, n, (o, oa, ob, unused, len) -> {
            int j = 0;
            if (sa == 1 && sb == 1) {
                FloatVector zero = FloatVector.zero(S);
                for (; j + L <= len; j += L) {
                    FloatVector.fromArray(S, x, oa + j).add(FloatVector.fromArray(S, y, ob + j)).max(zero)
                            .intoArray(out, o + j);
                }
            }
            for (; j < len; j++) {
                out[o + j] = Math.max(x[oa + j * sa] + y[ob + j * sb], 0f); // the CPU ReLU's max: NaN stays NaN
            }
        });
        return Host.wrap(backend, out, shape);
    }

    @Override
    public SgdStep sgdUpdate(Tensor param, Tensor grad, Tensor momentumBuffer, double lr, double momentum,
                             double dampening, double weightDecay, boolean nesterov) {
        if (!Host.allF32(param, grad, momentumBuffer)) {
            return ref.sgdUpdate(param, grad, momentumBuffer, lr, momentum, dampening, weightDecay, nesterov);
        }
        float[] p = Host.dense(param);
        float[] g = Host.dense(grad);
        float[] b = momentumBuffer == null ? null : Host.dense(momentumBuffer);
        int n = p.length;
        float[] newP = new float[n];
        float[] newB = momentum == 0 ? null : new float[n];
        // the scalars as the composed ops see them: weak scalars rounded to float
        SgdKernel k = new SgdKernel(p, g, b, newP, newB, (float) weightDecay, weightDecay != 0, (float) momentum,
                (float) (1 - dampening), nesterov, (float) -lr);
        Parallel.range(n, 1, GRAIN, k::run);
        int[] shape = param.shape();
        return new SgdStep(Host.wrap(backend, newP, shape), newB == null ? null : Host.wrap(backend, newB, shape));
    }

    /**
     * The SGD step per element with the composed ops' roundings, in their order (no fused multiply-add):
     * {@code d = g + θ·λ; b' = b·μ + d·(1 − τ) (b' = d first); d = d + b'·μ (Nesterov) or b'; θ' = θ + d·(−η)}.
     * {@code newB} is null without momentum, {@code b} null on the first step.
     */
    private record SgdKernel(float[] p, float[] g, float[] b, float[] newP, float[] newB, float wd, boolean decay,
                             float mu, float keep, boolean nesterov, float step) {
        void run(int lo, int hi) {
            int i = lo;
            FloatVector vwd = FloatVector.broadcast(S, wd);
            FloatVector vmu = FloatVector.broadcast(S, mu);
            FloatVector vkeep = FloatVector.broadcast(S, keep);
            FloatVector vstep = FloatVector.broadcast(S, step);
            for (; i + L <= hi; i += L) {
                FloatVector vp = FloatVector.fromArray(S, p, i);
                FloatVector d = FloatVector.fromArray(S, g, i);
                if (decay) {
                    d = d.add(vp.mul(vwd));
                }
                if (newB != null) {
                    FloatVector buf = b == null ? d : FloatVector.fromArray(S, b, i).mul(vmu).add(d.mul(vkeep));
                    buf.intoArray(newB, i);
                    d = nesterov ? d.add(buf.mul(vmu)) : buf;
                }
                vp.add(d.mul(vstep)).intoArray(newP, i);
            }
            for (; i < hi; i++) {
                float d = decay ? g[i] + p[i] * wd : g[i];
                if (newB != null) {
                    float buf = b == null ? d : b[i] * mu + d * keep;
                    newB[i] = buf;
                    d = nesterov ? d + buf * mu : buf;
                }
                newP[i] = p[i] + d * step;
            }
        }
    }

    @Override
    public AdamStep adamUpdate(Tensor param, Tensor grad, Tensor expAvg, Tensor expAvgSq, Tensor maxExpAvgSq,
                               int step, double lr, double beta1, double beta2, double eps, double weightDecay,
                               boolean decoupled, boolean amsgrad) {
        if (!Host.allF32(param, grad, expAvg, expAvgSq, maxExpAvgSq)) {
            return ref.adamUpdate(param, grad, expAvg, expAvgSq, maxExpAvgSq, step, lr, beta1, beta2, eps,
                    weightDecay, decoupled, amsgrad);
        }
        int n = param.numel();
        float[] newP = new float[n];
        float[] newM = new float[n];
        float[] newV = new float[n];
        float[] newMax = amsgrad ? new float[n] : null;
        // the scalars as the composed ops see them: weak scalars rounded to float
        AdamKernel k = new AdamKernel(Host.dense(param), Host.dense(grad), dense(expAvg), dense(expAvgSq),
                dense(maxExpAvgSq), newP, newM, newV, newMax, weightDecay != 0 && decoupled,
                (float) (1 - lr * weightDecay), weightDecay != 0 && !decoupled, (float) weightDecay, (float) beta1,
                (float) (1 - beta1), (float) beta2, (float) (1 - beta2),
                (float) Math.sqrt(1 - Math.pow(beta2, step)), (float) eps, (float) (-lr / (1 - Math.pow(beta1, step))));
        Parallel.range(n, 1, GRAIN, k::run);
        int[] shape = param.shape();
        return new AdamStep(Host.wrap(backend, newP, shape), Host.wrap(backend, newM, shape),
                Host.wrap(backend, newV, shape), newMax == null ? null : Host.wrap(backend, newMax, shape));
    }

    private static float[] dense(Tensor t) {
        return t == null ? null : Host.dense(t);
    }

    /**
     * The Adam step per element with the composed ops' roundings, in their order (no fused multiply-add): {@code θ =
     * θ·(1 − ηλ)} (decoupled) or {@code g = g + θ·λ}; {@code m' = m·β₁ + g·(1 − β₁)}; {@code v' = v·β₂ + (g·g)·(1 − β₂)};
     * {@code v̂' = max(v̂, v')} (AMSGrad); {@code θ' = θ + (m' / (√v̂' / √(1 − β₂ᵗ) + ε))·(−η/(1 − β₁ᵗ))}. Null state
     * arrays (the first step) read as zeros, like the zero tensors of the composition.
     */
    private record AdamKernel(float[] p, float[] g, float[] m, float[] v, float[] vMax, float[] newP, float[] newM,
                              float[] newV, float[] newMax, boolean shrink, float keep, boolean l2, float wd, float b1,
                              float k1, float b2, float k2, float sq2, float eps, float step) {
        void run(int lo, int hi) {
            int i = lo;
            FloatVector zero = FloatVector.zero(S);
            for (; i + L <= hi; i += L) {
                FloatVector vp = FloatVector.fromArray(S, p, i);
                FloatVector vg = FloatVector.fromArray(S, g, i);
                if (shrink) {
                    vp = vp.mul(keep);
                } else if (l2) {
                    vg = vg.add(vp.mul(wd));
                }
                FloatVector vm = (m == null ? zero : FloatVector.fromArray(S, m, i)).mul(b1).add(vg.mul(k1));
                FloatVector vv = (v == null ? zero : FloatVector.fromArray(S, v, i)).mul(b2).add(vg.mul(vg).mul(k2));
                vm.intoArray(newM, i);
                vv.intoArray(newV, i);
                if (newMax != null) {
                    vv = (vMax == null ? zero : FloatVector.fromArray(S, vMax, i)).max(vv);
                    vv.intoArray(newMax, i);
                }
                FloatVector denom = vv.lanewise(VectorOperators.SQRT).div(sq2).add(eps);
                vp.add(vm.div(denom).mul(step)).intoArray(newP, i);
            }
            for (; i < hi; i++) {
                float pi = p[i];
                float gi = g[i];
                if (shrink) {
                    pi = pi * keep;
                } else if (l2) {
                    gi = gi + pi * wd;
                }
                float mi = (m == null ? 0f : m[i]) * b1 + gi * k1;
                float vi = (v == null ? 0f : v[i]) * b2 + gi * gi * k2;
                newM[i] = mi;
                newV[i] = vi;
                if (newMax != null) {
                    float a = vMax == null ? 0f : vMax[i];
                    vi = Float.isNaN(a) || Float.isNaN(vi) ? Float.NaN : Math.max(a, vi);
                    newMax[i] = vi;
                }
                newP[i] = pi + mi / ((float) Math.sqrt(vi) / sq2 + eps) * step;
            }
        }
    }
}
