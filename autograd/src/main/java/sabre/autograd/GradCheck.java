package sabre.autograd;

import sabre.tensor.Check;
import sabre.tensor.DType;
import sabre.tensor.Generator;
import sabre.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;

/**
 * Compares the gradients autograd computes with finite differences, in FLOAT64. A random cotangent {@code c} turns
 * any output into the scalar {@code <f(x), c>}, so every output element is checked at once.
 * <ul>
 *   <li>{@link #elementwise}: central differences for every input element (exhaustive, for small inputs);</li>
 *   <li>{@link #randomDirection}: one random direction {@code t}, checking {@code <t, vjp(c)> ≈ <jvp_numeric(t), c>}
 *       in O(1) evaluations (JAX's {@code check_grads} idea), for large ops.</li>
 * </ul>
 * Non-floating inputs (indices) are passed through as constants.
 *
 * <pre>{@code
 * GradCheck.Result r = GradCheck.elementwise(in -> in[0].tanh().mul(in[1]), new Tensor[] {x, y}, 1e-6, 42);
 * if (!r.passes(1e-7, 1e-6)) throw new AssertionError(r.describe(1e-7, 1e-6));
 * }</pre>
 */
public final class GradCheck {
    private GradCheck() {
    }

    /**
     * Every compared pair of analytic and numeric values, with where it came from ("input 0 element 3", or
     * "direction"); query it with tolerances.
     */
    public static final class Result {
        private final double[] analytic;
        private final double[] numeric;
        private final List<String> where;

        Result(double[] analytic, double[] numeric, List<String> where) {
            this.analytic = analytic;
            this.numeric = numeric;
            this.where = List.copyOf(where);
        }

        /** Number of compared values. */
        public int checked() {
            return analytic.length;
        }

        /** Largest |analytic − numeric|. */
        public double maxAbsError() {
            double m = 0;
            for (int i = 0; i < analytic.length; i++) {
                m = Math.max(m, Math.abs(analytic[i] - numeric[i]));
            }
            return m;
        }

        /** Largest |a − n| / max(|a|, |n|), counting pairs where both are below {@code floor} as exact. */
        public double maxRelError(double floor) {
            double m = 0;
            for (int i = 0; i < analytic.length; i++) {
                double scale = Math.max(Math.abs(analytic[i]), Math.abs(numeric[i]));
                m = Math.max(m, scale <= floor ? 0 : Math.abs(analytic[i] - numeric[i]) / scale);
            }
            return m;
        }

        /** True when every pair satisfies {@code |a − n| ≤ atol + rtol·|n|} (and neither is NaN). */
        public boolean passes(double atol, double rtol) {
            return worst(atol, rtol) < 0;
        }

        /** A description of the worst pair under these tolerances, for assertion messages. */
        public String describe(double atol, double rtol) {
            int w = worst(atol, rtol);
            int i = w < 0 ? -w - 1 : w;
            if (analytic.length == 0) {
                return "nothing compared";
            }
            return String.format("%s at %s: analytic %.12g vs numeric %.12g (|diff| %.3g, atol %.1g, rtol %.1g)",
                    w < 0 ? "passed; worst" : "FAILED", where.get(i), analytic[i], numeric[i],
                    Math.abs(analytic[i] - numeric[i]), atol, rtol);
        }

        /** Index of the first failing pair, or −(index of the worst passing pair) − 1. */
        private int worst(double atol, double rtol) {
            int worst = 0;
            double worstRatio = -1;
            for (int i = 0; i < analytic.length; i++) {
                double diff = Math.abs(analytic[i] - numeric[i]);
                double ratio = diff / (atol + rtol * Math.abs(numeric[i]));
                if (Double.isNaN(ratio) || ratio > 1) {
                    return i;
                }
                if (ratio > worstRatio) {
                    worstRatio = ratio;
                    worst = i;
                }
            }
            return -worst - 1;
        }
    }

    /** The finite-difference formula. */
    public enum Stencil {
        /** {@code (f(x+h) − f(x−h)) / 2h}: error O(h²); use a tiny h (≈1e-6). */
        CENTRAL,
        /**
         * {@code (f(x−2h) − 8f(x−h) + 8f(x+h) − f(x+2h)) / 12h}: error O(h⁴), so a larger h (≈1e-3) keeps truncation
         * negligible while cutting rounding noise a thousandfold — for tight relative bounds on small gradients.
         * Needs f smooth within ±2h.
         */
        FIVE_POINT
    }

    /** Central differences for every element of every floating input. */
    public static Result elementwise(Function<Var[], Var> f, Tensor[] inputs, double eps, long seed) {
        return check(f, inputs, eps, seed, false, Stencil.CENTRAL);
    }

    /** Finite differences with the given stencil for every element of every floating input. */
    public static Result elementwise(Function<Var[], Var> f, Tensor[] inputs, double eps, long seed, Stencil stencil) {
        return check(f, inputs, eps, seed, false, stencil);
    }

    /** One random direction for all inputs at once (central differences). */
    public static Result randomDirection(Function<Var[], Var> f, Tensor[] inputs, double eps, long seed) {
        return check(f, inputs, eps, seed, true, Stencil.CENTRAL);
    }

    private static Result check(Function<Var[], Var> f, Tensor[] inputs, double eps, long seed, boolean direction,
                                Stencil stencil) {
        Generator gen = new Generator(seed);
        List<Integer> diff = new ArrayList<>();
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i].dtype().isFloating()) {
                Check.arg(inputs[i].dtype() == DType.FLOAT64, "gradcheck", "input %d is %s: check in FLOAT64", i,
                        inputs[i].dtype());
                diff.add(i);
            }
        }
        Check.arg(!diff.isEmpty(), "gradcheck", "no floating input to differentiate");
        Var[] vars = wrap(inputs, diff);
        Var out = f.apply(vars);
        Tensor c = Tensor.normal(gen, out.value().device(), DType.FLOAT64, 0, 1, out.shape());
        List<Var> targets = diff.stream().map(i -> vars[i]).toList();
        Tensor[] analytic = Autograd.grad(List.of(out), List.of(c), targets, false);
        Stats stats = new Stats();
        if (direction) {
            double vjp = 0;
            Tensor[] plus = inputs.clone();
            Tensor[] minus = inputs.clone();
            for (int k = 0; k < diff.size(); k++) {
                int i = diff.get(k);
                Tensor t = Tensor.normal(gen, inputs[i].device(), DType.FLOAT64, 0, 1, inputs[i].shape());
                vjp += t.mul(analytic[k]).sum().item();
                plus[i] = inputs[i].add(t.mul(eps));
                minus[i] = inputs[i].sub(t.mul(eps));
            }
            double jvp = (dot(f, plus, c) - dot(f, minus, c)) / (2 * eps);
            stats.add(vjp, jvp, "direction");
        } else {
            for (int k = 0; k < diff.size(); k++) {
                int i = diff.get(k);
                double[] base = inputs[i].toDoubleArray();
                double[] a = analytic[k].toDoubleArray();
                for (int j = 0; j < base.length; j++) {
                    int element = j;
                    DoubleUnaryOperator at = h -> dot(f, perturbed(inputs, i, base, element, h), c);
                    double numeric = stencil == Stencil.CENTRAL
                            ? (at.applyAsDouble(eps) - at.applyAsDouble(-eps)) / (2 * eps)
                            : (at.applyAsDouble(-2 * eps) - 8 * at.applyAsDouble(-eps) + 8 * at.applyAsDouble(eps)
                                    - at.applyAsDouble(2 * eps)) / (12 * eps);
                    stats.add(a[j], numeric, "input " + i + " element " + j);
                }
            }
        }
        return stats.result();
    }

    private static Tensor[] perturbed(Tensor[] inputs, int i, double[] base, int j, double delta) {
        double[] d = base.clone();
        d[j] += delta;
        Tensor[] out = inputs.clone();
        out[i] = Tensor.fromDoubles(inputs[i].device(), DType.FLOAT64, d, inputs[i].shape());
        return out;
    }

    private static double dot(Function<Var[], Var> f, Tensor[] inputs, Tensor c) {
        try (NoGrad scope = NoGrad.enter()) {
            Var[] vars = new Var[inputs.length];
            for (int i = 0; i < inputs.length; i++) {
                vars[i] = Var.of(inputs[i]);
            }
            return f.apply(vars).value().mul(c).sum().item();
        }
    }

    private static Var[] wrap(Tensor[] inputs, List<Integer> diff) {
        Var[] vars = new Var[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            vars[i] = diff.contains(i) ? Var.param(inputs[i]) : Var.of(inputs[i]);
        }
        return vars;
    }

    private static final class Stats {
        private final List<double[]> pairs = new ArrayList<>();
        private final List<String> names = new ArrayList<>();

        void add(double analytic, double numeric, String where) {
            pairs.add(new double[] {analytic, numeric});
            names.add(where);
        }

        Result result() {
            return new Result(pairs.stream().mapToDouble(p -> p[0]).toArray(),
                    pairs.stream().mapToDouble(p -> p[1]).toArray(), names);
        }
    }
}
