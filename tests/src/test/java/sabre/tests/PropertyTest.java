package sabre.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import sabre.autograd.Autograd;
import sabre.autograd.SumToShape;
import sabre.autograd.Var;
import sabre.tensor.DType;
import sabre.tensor.Generator;
import sabre.tensor.Shape;
import sabre.tensor.Tensor;

/**
 * Algebraic and statistical properties of tensors, autograd and the random generators. Random cases are derived
 * from a seed: JUnit-parameterized properties run over {@link #seeds()} and name the failing seed in every message;
 * the QuickTheories properties run with a fixed seed and report the falsifying example themselves.
 */
class PropertyTest {
    private static final int SEEDS = 40;

    static LongStream seeds() {
        return LongStream.rangeClosed(1, SEEDS);
    }

    // ------------------------------------------------------------------ helpers

    /** A random shape of {@code rank} with sizes in [1, maxSize]. */
    private static int[] randomShape(Random r, int rank, int maxSize) {
        int[] s = new int[rank];
        for (int i = 0; i < rank; i++) {
            s[i] = 1 + r.nextInt(maxSize);
        }
        return s;
    }

    /** A shape that broadcasts to {@code full}: some leading dimensions dropped, some others set to 1. */
    private static int[] broadcastableTo(Random r, int[] full) {
        int drop = r.nextInt(full.length + 1);
        int[] s = Arrays.copyOfRange(full, drop, full.length);
        for (int i = 0; i < s.length; i++) {
            if (r.nextInt(3) == 0) {
                s[i] = 1;
            }
        }
        return s;
    }

    private static Tensor randomTensor(Random r, DType dtype, int... shape) {
        Generator g = new Generator(r.nextLong());
        return switch (dtype) {
            case FLOAT32, FLOAT64 -> Tensor.randn(g, dtype, shape);
            case INT32 -> Tensor.randint(g, -50, 50, shape);
            case BOOL -> Tensor.bernoulli(g, 0.5, DType.BOOL, shape);
        };
    }

    private static int[] randomPermutation(Random r, int n) {
        List<Integer> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(i);
        }
        java.util.Collections.shuffle(l, r);
        return l.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int[] coords(int pos, int[] shape) {
        int[] c = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            c[d] = pos % shape[d];
            pos /= shape[d];
        }
        return c;
    }

    private static int flat(int[] c, int[] shape) {
        int pos = 0;
        for (int d = 0; d < shape.length; d++) {
            pos = pos * shape[d] + c[d];
        }
        return pos;
    }

    private static String ctx(long seed, Object... what) {
        StringBuilder sb = new StringBuilder("seed ").append(seed);
        for (Object o : what) {
            sb.append(", ").append(o instanceof int[] a ? Arrays.toString(a) : String.valueOf(o));
        }
        return sb.toString();
    }

    private static void assertBitsEqual(Tensor expected, Tensor actual, String message) {
        assertArrayEquals(expected.shape(), actual.shape(), message + " (shape)");
        assertEquals(expected.dtype(), actual.dtype(), message + " (dtype)");
        assertArrayEquals(expected.toDoubleArray(), actual.toDoubleArray(), 0.0, message + " (values)");
    }

    // ------------------------------------------------------------------ broadcasting

    /** a+b == b+a and a*b == b*a bit for bit, for random broadcastable shapes and mixed dtypes (QuickTheories). */
    @Test
    void broadcastingCommutes() {
        DType[] types = {DType.FLOAT32, DType.FLOAT64, DType.INT32};
        qt().withFixedSeed(20240611L).withExamples(150).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            int[] full = randomShape(r, 1 + r.nextInt(4), 4);
            int[] sa = broadcastableTo(r, full);
            int[] sb = broadcastableTo(r, full);
            Tensor a = randomTensor(r, types[r.nextInt(3)], sa);
            Tensor b = randomTensor(r, types[r.nextInt(3)], sb);
            int[] expectedShape = Shape.broadcast("test", sa, sb);
            String m = ctx(seed, "a", sa, a.dtype(), "b", sb, b.dtype());
            Tensor ab = a.add(b);
            assertArrayEquals(expectedShape, ab.shape(), m);
            assertBitsEqual(ab, b.add(a), m + ": a+b vs b+a");
            assertBitsEqual(a.mul(b), b.mul(a), m + ": a*b vs b*a");
            // and broadcasting is the same as adding explicitly expanded copies
            Tensor ae = a.expand(expectedShape).contiguous();
            Tensor be = b.expand(expectedShape).contiguous();
            assertBitsEqual(ae.add(be), ab, m + ": a+b vs expanded copies");
        });
    }

    // ------------------------------------------------------------------ views

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void permuteThenInverseIsIdentity(long seed) {
        Random r = new Random(seed);
        int[] shape = randomShape(r, 1 + r.nextInt(5), 4);
        int[] perm = randomPermutation(r, shape.length);
        int[] inverse = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            inverse[perm[i]] = i;
        }
        Tensor x = randomTensor(r, DType.FLOAT64, shape);
        String m = ctx(seed, "shape", shape, "perm", perm);
        Tensor p = x.permute(perm);
        Tensor back = p.permute(inverse);
        assertArrayEquals(shape, back.shape(), m);
        assertArrayEquals(x.strides(), back.strides(), m);
        assertArrayEquals(x.toDoubleArray(), back.toDoubleArray(), 0.0, m);
        // the permuted view itself holds x[c'] at c where c'[perm[i]] = c[i]
        double[] xs = x.toDoubleArray();
        double[] ps = p.toDoubleArray();
        int[] pShape = p.shape();
        for (int j = 0; j < ps.length; j++) {
            int[] c = coords(j, pShape);
            int[] src = new int[shape.length];
            for (int i = 0; i < perm.length; i++) {
                src[perm[i]] = c[i];
            }
            assertEquals(xs[flat(src, shape)], ps[j], 0.0, m + " element " + j);
        }
    }

    /** A random chain of views: transpose, narrow, slice with a step, unsqueeze+expand. */
    private static Tensor randomView(Random r, Tensor x, List<String> log) {
        Tensor v = x;
        int steps = 1 + r.nextInt(3);
        for (int s = 0; s < steps; s++) {
            int d = r.nextInt(v.dim());
            switch (r.nextInt(4)) {
                case 0 -> {
                    int e = r.nextInt(v.dim());
                    v = v.transpose(d, e);
                    log.add("transpose(" + d + "," + e + ")");
                }
                case 1 -> {
                    int n = v.shape(d);
                    int start = r.nextInt(n);
                    int len = 1 + r.nextInt(n - start);
                    v = v.narrow(d, start, len);
                    log.add("narrow(" + d + "," + start + "," + len + ")");
                }
                case 2 -> {
                    int n = v.shape(d);
                    int start = r.nextInt(n);
                    int step = 1 + r.nextInt(3);
                    v = v.slice(d, start, n, step);
                    log.add("slice(" + d + "," + start + "," + n + "," + step + ")");
                }
                default -> {
                    int at = r.nextInt(v.dim() + 1);
                    int[] target = v.unsqueeze(at).shape();
                    target[at] = 2 + r.nextInt(3);
                    v = v.unsqueeze(at).expand(target);
                    log.add("unsqueeze(" + at + ").expand(" + Arrays.toString(target) + ")");
                }
            }
        }
        return v;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void viewAndContiguousCopyAgree(long seed) {
        Random r = new Random(seed);
        int[] shape = randomShape(r, 2 + r.nextInt(3), 5);
        Tensor x = randomTensor(r, DType.FLOAT64, shape);
        List<String> log = new ArrayList<>();
        Tensor v = randomView(r, x, log);
        Tensor c = v.contiguous();
        String m = ctx(seed, "shape", shape, "views", log, "view shape", v.shape(), "strides", v.strides());
        assertTrue(c.isContiguous(), m);
        assertArrayEquals(v.shape(), c.shape(), m);
        assertArrayEquals(v.toDoubleArray(), c.toDoubleArray(), 0.0, m + ": toDoubleArray");
        assertBitsEqual(c.sum(), v.sum(), m + ": sum()");
        int axis = r.nextInt(v.dim());
        assertBitsEqual(c.sum(new int[] {axis}, true), v.sum(new int[] {axis}, true), m + ": sum(" + axis + ")");
        assertBitsEqual(c.exp(), v.exp(), m + ": exp");
        Tensor w = randomTensor(r, DType.FLOAT64, v.shape(-1), 3);
        assertBitsEqual(c.matmul(w), v.matmul(w), m + ": matmul on the left");
        Tensor u = randomTensor(r, DType.FLOAT64, 2, v.shape(-2));
        assertBitsEqual(u.matmul(c), u.matmul(v), m + ": matmul on the right");
        // a binary op between a view and a copy of it
        assertBitsEqual(c.mul(c), v.mul(v), m + ": mul");
    }

    /** reshape(t).reshape(shape) is the identity and keeps row-major order (QuickTheories over shapes). */
    @Test
    void reshapeRoundTrips() {
        qt().withFixedSeed(77L).withExamples(150)
                .forAll(lists().of(integers().between(1, 4)).ofSizeBetween(0, 5), longs().all(), integers().between(0, 1))
                .checkAssert((dims, seed, transposed) -> {
                    int[] shape = dims.stream().mapToInt(Integer::intValue).toArray();
                    Random r = new Random(seed);
                    Tensor x = randomTensor(r, DType.FLOAT32, shape);
                    if (transposed == 1 && x.dim() >= 2) {
                        x = x.transpose(0, x.dim() - 1); // non-contiguous source: reshape must copy
                    }
                    int[] src = x.shape();
                    int n = x.numel();
                    // target: the prime factors of n in random groups, possibly with one -1 and extra 1s
                    List<Integer> factors = new ArrayList<>();
                    for (int k = n, p = 2; k > 1; ) {
                        if (k % p == 0) {
                            factors.add(p);
                            k /= p;
                        } else {
                            p++;
                        }
                    }
                    java.util.Collections.shuffle(factors, r);
                    List<Integer> target = new ArrayList<>();
                    for (int f : factors) {
                        if (target.isEmpty() || r.nextBoolean()) {
                            target.add(f);
                        } else {
                            target.set(target.size() - 1, target.get(target.size() - 1) * f);
                        }
                    }
                    if (r.nextBoolean()) {
                        target.add(r.nextInt(target.size() + 1), 1);
                    }
                    int[] t = target.stream().mapToInt(Integer::intValue).toArray();
                    int[] ask = t.clone();
                    if (ask.length > 0 && r.nextBoolean()) {
                        ask[r.nextInt(ask.length)] = -1;
                    }
                    String m = "shape " + Arrays.toString(src) + " -> " + Arrays.toString(ask) + " seed " + seed;
                    Tensor y = x.reshape(ask);
                    assertArrayEquals(t, y.shape(), m);
                    assertArrayEquals(x.toDoubleArray(), y.toDoubleArray(), 0.0, m);
                    Tensor back = y.reshape(src);
                    assertArrayEquals(src, back.shape(), m);
                    assertArrayEquals(x.toDoubleArray(), back.toDoubleArray(), 0.0, m);
                    assertArrayEquals(x.toDoubleArray(), x.flatten().toDoubleArray(), 0.0, m + " flatten");
                });
    }

    // ------------------------------------------------------------------ gradients

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void gradientOfSumIsOnes(long seed) {
        Random r = new Random(seed);
        int[] shape = randomShape(r, r.nextInt(5), 4);
        Var x = Var.param(randomTensor(r, DType.FLOAT64, shape));
        x.sum().backward();
        String m = ctx(seed, "shape", shape);
        assertArrayEquals(shape, x.grad().shape(), m);
        double[] ones = new double[x.value().numel()];
        Arrays.fill(ones, 1.0);
        assertArrayEquals(ones, x.grad().toDoubleArray(), 0.0, m);
        // through a view chain the gradient of the sum is still all ones
        if (shape.length >= 2) {
            Var y = Var.param(randomTensor(r, DType.FLOAT32, shape));
            Tensor g = Autograd.grad(y.transpose(0, shape.length - 1).mul(1.0).sum(), y)[0];
            assertArrayEquals(shape, g.shape(), m + " (transposed)");
            assertArrayEquals(ones, g.toDoubleArray(), 0.0, m + " (transposed)");
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void gradientOfMeanIsOneOverN(long seed) {
        Random r = new Random(seed);
        int[] shape = randomShape(r, 1 + r.nextInt(4), 5);
        Var x = Var.param(randomTensor(r, DType.FLOAT64, shape));
        int n = x.value().numel();
        String m = ctx(seed, "shape", shape);
        double[] expected = new double[n];
        Arrays.fill(expected, 1.0 / n);
        assertArrayEquals(expected, Autograd.grad(x.mean(), x)[0].toDoubleArray(), 0.0, m + " mean()");
        // mean over some axes: 1/(product of the reduced sizes)
        int axis = r.nextInt(shape.length);
        Tensor g = Autograd.grad(x.mean(new int[] {axis}, false).sum(), x)[0];
        Arrays.fill(expected, 1.0 / shape[axis]);
        assertArrayEquals(expected, g.toDoubleArray(), 1e-15, m + " mean(axis " + axis + ")");
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void sumToShapeEqualsExplicitSummation(long seed) {
        Random r = new Random(seed);
        int[] big = randomShape(r, 1 + r.nextInt(4), 4);
        int[] small = broadcastableTo(r, big);
        Tensor g = randomTensor(r, DType.FLOAT64, big);
        Tensor s = SumToShape.apply(g, small);
        String m = ctx(seed, "grad", big, "to", small);
        assertArrayEquals(small, s.shape(), m);
        double[] expected = new double[Shape.numel("test", small)];
        double[] gs = g.toDoubleArray();
        int lead = big.length - small.length;
        for (int j = 0; j < gs.length; j++) {
            int[] c = coords(j, big);
            int[] t = new int[small.length];
            for (int d = 0; d < small.length; d++) {
                t[d] = small[d] == 1 ? 0 : c[d + lead];
            }
            expected[flat(t, small)] += gs[j];
        }
        assertArrayEquals(expected, s.toDoubleArray(), 1e-12, m);
        // and it is what autograd gives the small operand of a broadcast add
        Var a = Var.param(randomTensor(r, DType.FLOAT64, small));
        Var b = Var.of(Tensor.zeros(DType.FLOAT64, big));
        Tensor ga = Autograd.grad(List.of(a.add(b)), List.of(g), List.of(a), false)[0];
        assertArrayEquals(expected, ga.toDoubleArray(), 1e-12, m + " (autograd of add)");
    }

    // ------------------------------------------------------------------ random generators

    /** Every seeded draw, as a tensor, from a generator at (seed, offset). */
    private static List<Tensor> draws(long seed, long offset) {
        List<Tensor> out = new ArrayList<>();
        out.add(Tensor.rand(new Generator(seed, offset), DType.FLOAT32, 8, 8));
        out.add(Tensor.rand(new Generator(seed, offset), DType.FLOAT64, 64));
        out.add(Tensor.randn(new Generator(seed, offset), DType.FLOAT32, 64));
        out.add(Tensor.randn(new Generator(seed, offset), DType.FLOAT64, 4, 16));
        out.add(Tensor.randint(new Generator(seed, offset), -1000, 1000, 64));
        out.add(Tensor.bernoulli(new Generator(seed, offset), 0.5, DType.BOOL, 64));
        out.add(Tensor.bernoulli(new Generator(seed, offset), 0.3, DType.FLOAT32, 64));
        out.add(Tensor.randperm(new Generator(seed, offset), 30));
        return out;
    }

    private static final String[] DRAW_NAMES = {"rand f32", "rand f64", "randn f32", "randn f64", "randint",
            "bernoulli bool", "bernoulli f32", "randperm"};

    private static boolean sameBits(Tensor a, Tensor b) {
        if (!Arrays.equals(a.shape(), b.shape()) || a.dtype() != b.dtype()) {
            return false;
        }
        double[] x = a.toDoubleArray();
        double[] y = b.toDoubleArray();
        for (int i = 0; i < x.length; i++) {
            if (Double.doubleToRawLongBits(x[i]) != Double.doubleToRawLongBits(y[i])) {
                return false;
            }
        }
        return true;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void sameSeedSameBitsOtherOffsetOtherNumbers(long seed) {
        List<Tensor> first = draws(seed, 0);
        List<Tensor> again = draws(seed, 0);
        List<Tensor> shifted = draws(seed, 1000);
        List<Tensor> otherSeed = draws(seed + 1_000_003L, 0);
        for (int i = 0; i < first.size(); i++) {
            String m = ctx(seed, DRAW_NAMES[i]);
            assertTrue(sameBits(first.get(i), again.get(i)), m + ": same seed and offset must give the same bits");
            assertFalse(sameBits(first.get(i), shifted.get(i)), m + ": offset 0 and 1000 gave the same numbers");
            assertFalse(sameBits(first.get(i), otherSeed.get(i)), m + ": two seeds gave the same numbers");
        }
        // counter-based: element i of a draw at offset o is element i-k of a draw at offset o+k
        double[] whole = Tensor.rand(new Generator(seed, 0), DType.FLOAT64, 20).toDoubleArray();
        double[] tail = Tensor.rand(new Generator(seed, 7), DType.FLOAT64, 13).toDoubleArray();
        assertArrayEquals(Arrays.copyOfRange(whole, 7, 20), tail, 0.0, ctx(seed, "offset shift"));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void generatorAdvancesAndRestores(long seed) {
        Generator g = new Generator(seed);
        Tensor first = Tensor.randn(g, DType.FLOAT64, 3, 5);
        long saved = g.offset();
        assertEquals(15, saved, ctx(seed, "offset after drawing 15 elements"));
        Tensor second = Tensor.randn(g, DType.FLOAT64, 3, 5);
        assertEquals(30, g.offset(), ctx(seed, "offset after the second draw"));
        assertFalse(sameBits(first, second), ctx(seed, "two consecutive draws are equal"));
        Generator restored = new Generator(g.seed(), saved);
        Tensor replay = Tensor.randn(restored, DType.FLOAT64, 3, 5);
        assertTrue(sameBits(second, replay), ctx(seed, "restored generator did not reproduce the second draw"));
        assertEquals(g.offset(), restored.offset(), ctx(seed, "restored offset"));
        // the same holds for every kind of draw
        Generator h = new Generator(seed);
        Tensor.randint(h, 0, 10, 9);
        long at = h.offset();
        Tensor p1 = Tensor.randperm(h, 25);
        Tensor p2 = Tensor.randperm(new Generator(seed, at), 25);
        assertTrue(sameBits(p1, p2), ctx(seed, "randperm replay"));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randpermIsAPermutation(long seed) {
        Random r = new Random(seed);
        int n = seed == 1 ? 0 : seed == 2 ? 1 : r.nextInt(300);
        Tensor p = Tensor.randperm(new Generator(seed), n);
        String m = ctx(seed, "n", n);
        assertEquals(DType.INT32, p.dtype(), m);
        assertArrayEquals(new int[] {n}, p.shape(), m);
        int[] v = p.toIntArray();
        boolean[] seen = new boolean[n];
        for (int x : v) {
            assertTrue(x >= 0 && x < n, m + ": value " + x + " out of range");
            assertFalse(seen[x], m + ": value " + x + " repeated");
            seen[x] = true;
        }
        if (n >= 10) {
            int fixed = 0;
            for (int i = 0; i < n; i++) {
                fixed += v[i] == i ? 1 : 0;
            }
            assertTrue(fixed < n / 2, m + ": " + fixed + " fixed points, not shuffled");
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {0, 1, 42, 123456789})
    void uniformAndNormalMoments(long seed) {
        int n = 100_000;
        for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            double[] u = Tensor.rand(new Generator(seed), t, n).toDoubleArray();
            double mean = Arrays.stream(u).average().orElseThrow();
            double se = Math.sqrt(1.0 / 12 / n);
            assertEquals(0.5, mean, 5 * se, ctx(seed, t, "uniform mean"));
            assertTrue(Arrays.stream(u).allMatch(x -> x >= 0 && x < 1), ctx(seed, t, "uniform outside [0, 1)"));
            double var = Arrays.stream(u).map(x -> (x - mean) * (x - mean)).sum() / (n - 1);
            // Var of the sample variance of U(0,1): (mu4 - sigma^4)/n = (1/80 - 1/144)/n
            assertEquals(1.0 / 12, var, 5 * Math.sqrt((1.0 / 80 - 1.0 / 144) / n), ctx(seed, t, "uniform variance"));

            double[] z = Tensor.randn(new Generator(seed), t, n).toDoubleArray();
            double zm = Arrays.stream(z).average().orElseThrow();
            double zs = Math.sqrt(Arrays.stream(z).map(x -> (x - zm) * (x - zm)).sum() / (n - 1));
            assertEquals(0.0, zm, 5 / Math.sqrt(n), ctx(seed, t, "normal mean"));
            assertEquals(1.0, zs, 5 / Math.sqrt(2.0 * n), ctx(seed, t, "normal std"));
        }
        double[] b = Tensor.bernoulli(new Generator(seed), 0.3, DType.FLOAT64, n).toDoubleArray();
        assertEquals(0.3, Arrays.stream(b).average().orElseThrow(), 5 * Math.sqrt(0.3 * 0.7 / n),
                ctx(seed, "bernoulli mean"));
    }

    // ------------------------------------------------------------------ joining, softmax

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void catThenSplitRoundTrips(long seed) {
        Random r = new Random(seed);
        int[] shape = randomShape(r, 1 + r.nextInt(4), 4);
        int axis = r.nextInt(shape.length);
        int size = 1 + r.nextInt(3);
        int count = 1 + r.nextInt(4);
        int last = 1 + r.nextInt(size); // split's last piece may be shorter
        List<Tensor> parts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int[] s = shape.clone();
            s[axis] = i == count - 1 ? last : size;
            parts.add(randomTensor(r, DType.FLOAT64, s));
        }
        String m = ctx(seed, "shape", shape, "axis", axis, "size", size, "count", count, "last", last);
        Tensor joined = Tensor.cat(parts, axis);
        assertEquals(size * (count - 1) + last, joined.shape(axis), m);
        List<Tensor> pieces = joined.split(size, axis);
        assertEquals(count, pieces.size(), m);
        for (int i = 0; i < count; i++) {
            assertBitsEqual(parts.get(i), pieces.get(i), m + " piece " + i);
        }
        // and cat of the split pieces gives back the joined tensor (negative axis too)
        assertBitsEqual(joined, Tensor.cat(pieces, axis - shape.length), m + " re-cat");
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void softmaxSumsToOne(long seed) {
        Random r = new Random(seed);
        int[] shape = randomShape(r, 1 + r.nextInt(3), 8);
        int axis = r.nextInt(shape.length);
        double scale = 1 + r.nextInt(60); // includes large logits: softmax must be max-shifted
        for (DType t : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            Tensor x = randomTensor(r, t, shape).mul(scale);
            Tensor p = x.softmax(axis);
            String m = ctx(seed, t, "shape", shape, "axis", axis, "scale", scale);
            assertTrue(Arrays.stream(p.toDoubleArray()).allMatch(v -> v >= 0 && v <= 1), m + ": outside [0, 1]");
            double[] sums = p.sum(new int[] {axis}, false).toDoubleArray();
            double tol = t == DType.FLOAT64 ? 1e-12 : 1e-5;
            for (int i = 0; i < sums.length; i++) {
                assertEquals(1.0, sums[i], tol, m + " row " + i);
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void logSoftmaxIsLogOfSoftmax(long seed) {
        Random r = new Random(seed);
        int[] shape = randomShape(r, 1 + r.nextInt(3), 8);
        int axis = r.nextInt(shape.length);
        // |logits| stays below ~40 so softmax does not underflow and log(softmax) is finite
        Tensor x = randomTensor(r, DType.FLOAT64, shape).mul(5);
        double[] ls = x.logSoftmax(axis).toDoubleArray();
        double[] lp = x.softmax(axis).log().toDoubleArray();
        assertArrayEquals(lp, ls, 1e-12, ctx(seed, "shape", shape, "axis", axis));
    }
}
