package sabre.attacks.baselines;

import java.util.Arrays;
import java.util.Comparator;

/**
 * SparseFool's linear solver (Modas et al. 2019): moves a point x onto the far side of the hyperplane
 * {@code w·(v − x_B) = 0} one coordinate at a time, the coordinate with the largest |w_j| first. Each coordinate
 * takes the step {@code max(|w·(x − x_B) + β| / |w_j|, 1e-4)} towards the plane (β = 0.001 on x's side, so the
 * point lands just past it), is clipped to the box [lb, ub], and is then never used again (a saturated coordinate
 * cannot help any more), until the sign of {@code w·(x − x_B)} flips or no coordinate with {@code w_j ≠ 0} is left.
 * The plane value is updated by the change of the one coordinate, O(N log N) per solve.
 *
 * <pre>{@code double[] next = LinearSolver.solve(x, normal, boundaryPoint, lower, upper);}</pre>
 */
final class LinearSolver {
    private LinearSolver() {
    }

    /** The solver's result for one image (a new array; {@code x} is not modified). */
    static double[] solve(double[] x, double[] w, double[] boundary, double[] lb, double[] ub) {
        double[] out = x.clone();
        double f = 0;
        for (int j = 0; j < x.length; j++) {
            f += w[j] * (x[j] - boundary[j]);
        }
        double side = Math.signum(f);
        if (side == 0) {
            return out; // already on the plane
        }
        double beta = 0.001 * side;
        Integer[] order = new Integer[x.length];
        Arrays.setAll(order, j -> j);
        Arrays.sort(order, Comparator.comparingDouble((Integer j) -> -Math.abs(w[j])));
        for (int j : order) {
            if (w[j] == 0 || Math.signum(f) != side) {
                break;
            }
            double step = Math.max(Math.abs(f + beta) / Math.abs(w[j]), 1e-4) * -side * Math.signum(w[j]);
            double moved = Math.min(ub[j], Math.max(lb[j], out[j] + step));
            f += w[j] * (moved - out[j]);
            out[j] = moved;
        }
        return out;
    }
}
