package sabre.attacks.baselines;

import sabre.attacks.Classifier;
import sabre.tensor.Tensor;

/**
 * DeepFool (Moosavi-Dezfooli et al. 2016) as SparseFool uses it to approximate the decision boundary near each image,
 * batched: from x, repeat {@code r = max(|f_k|/‖w_k‖, 1e-4)·w_k/‖w_k‖} with {@code w_k = ∇z_k − ∇z_y},
 * {@code f_k = z_k − z_y} and k the class other than y with the smallest {@code |f_k|/‖w_k‖} (the full logit
 * Jacobian of all images, one backward pass per chunk of at most {@code copies} image copies), accumulating r into
 * {@code r_tot} until {@code x + (1 + overshoot)·r_tot} leaves class y or the step budget is spent. It returns, per
 * image, the boundary's normal {@code ∇(z_k − z_y)} at {@code x + r_tot} (k: the class reached, or the last closest
 * class when DeepFool did not cross) and the boundary point {@code x + λ·r_tot}.
 *
 * <pre>{@code DeepFool.Boundary b = DeepFool.find(f, rows, which, labels, like, 50, 0.02, 3, 10, 512);}</pre>
 */
final class DeepFool {
    /** Most image copies in one Jacobian pass by default (K copies per image). */
    static final int COPIES = 512;

    private DeepFool() {
    }

    /** Per image of the request: the normal and the boundary point, as rows of C·H·W values. */
    record Boundary(double[][] normal, double[][] point) {
    }

    /**
     * Boundary of the images {@code rows[which[i]]} whose class is {@code labels[which[i]]}.
     *
     * @param like a tensor of the images' shape, dtype and device
     * @param copies the most image copies in one Jacobian pass (K per image; at least one image per pass)
     */
    static Boundary find(Classifier model, double[][] rows, int[] which, int[] labels, Tensor like, int steps,
                         double overshoot, double lambda, int classes, int copies) {
        int m = which.length;
        int features = rows[which[0]].length;
        double[][] x = new double[m][];
        double[][] total = new double[m][features];
        int[] y = new int[m];
        int[] reached = new int[m];
        int[] closest = new int[m];
        boolean[] going = new boolean[m];
        for (int i = 0; i < m; i++) {
            x[i] = rows[which[i]].clone();
            y[i] = labels[which[i]];
            reached[i] = y[i];
            closest[i] = y[i];
            going[i] = true;
        }
        for (int t = 0; t < steps; t++) {
            int[] act = HostRows.where(going);
            if (act.length == 0) {
                break;
            }
            double[][] pert = new double[m][features];
            for (int i : act) {
                for (int j = 0; j < features; j++) {
                    pert[i][j] = x[i][j] + total[i][j];
                }
            }
            int k = classes;
            double[][] z = new double[act.length][];
            double[][][] grads = new double[k][act.length][];
            jacobian(model, pert, act, like, k, copies, z, grads);
            double[][] check = new double[m][];
            for (int a = 0; a < act.length; a++) {
                int i = act[a];
                double best = Double.POSITIVE_INFINITY;
                double[] dir = null;
                for (int c = 0; c < k; c++) {
                    if (c == y[i]) {
                        continue;
                    }
                    double[] w = new double[features];
                    double norm = 0;
                    for (int j = 0; j < features; j++) {
                        w[j] = grads[c][a][j] - grads[y[i]][a][j];
                        norm += w[j] * w[j];
                    }
                    norm = Math.sqrt(norm);
                    double distance = Math.abs(z[a][c] - z[a][y[i]]) / norm;
                    if (norm > 0 && distance < best) {
                        best = distance;
                        dir = w;
                        closest[i] = c;
                    }
                }
                if (dir == null) {
                    going[i] = false; // no class's logit moves: nothing to follow
                    continue;
                }
                double norm = Math.sqrt(dot(dir, dir));
                double size = Math.max(best, 1e-4) / norm;
                check[i] = new double[features];
                for (int j = 0; j < features; j++) {
                    total[i][j] += size * dir[j];
                    check[i][j] = x[i][j] + (1 + overshoot) * total[i][j];
                }
            }
            int[] checking = java.util.Arrays.stream(act).filter(i -> going[i]).toArray();
            if (checking.length > 0) {
                int[] pred = model.logits(HostRows.tensor(check, checking, like), 256).argmax(1, false).toIntArray();
                for (int a = 0; a < checking.length; a++) {
                    reached[checking[a]] = pred[a];
                    going[checking[a]] = pred[a] == y[checking[a]];
                }
            }
        }
        return new Boundary(normals(model, x, total, y, reached, closest, like), boundaryPoints(x, total, lambda));
    }

    /**
     * Logits z[a] and the full Jacobian grads[c][a] of the images {@code rows[act[a]]}, in chunks of at most
     * {@code copies} image copies per backward pass (K per image), so memory stays bounded on large batches; a
     * sample's result does not depend on its chunk.
     */
    private static void jacobian(Classifier model, double[][] rows, int[] act, Tensor like, int k, int copies,
                                 double[][] z, double[][][] grads) {
        int chunk = Math.max(1, copies / k);
        for (int from = 0; from < act.length; from += chunk) {
            int[] part = java.util.Arrays.copyOfRange(act, from, Math.min(act.length, from + chunk));
            LogitJacobian jac = LogitJacobian.at(model, HostRows.tensor(rows, part, like), k);
            double[][] logits = HostRows.of(jac.logits());
            Tensor g = jac.vjp(identity(k, part.length, like));
            for (int c = 0; c < k; c++) {
                double[][] gc = HostRows.of(g.select(0, c));
                System.arraycopy(gc, 0, grads[c], from, part.length);
            }
            System.arraycopy(logits, 0, z, from, part.length);
        }
    }

    /** ∇(z_k − z_y) at x + r_tot, one backward pass for all images. */
    private static double[][] normals(Classifier model, double[][] x, double[][] total, int[] y, int[] reached,
                                      int[] closest, Tensor like) {
        int m = x.length;
        double[][] at = new double[m][x[0].length];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < at[i].length; j++) {
                at[i][j] = x[i][j] + total[i][j];
            }
        }
        LogitJacobian jac = LogitJacobian.at(model, HostRows.tensor(at, HostRows.all(m), like), 1);
        int k = jac.logits().shape(1);
        double[] w = new double[m * k];
        for (int i = 0; i < m; i++) {
            int other = reached[i] != y[i] ? reached[i] : closest[i];
            if (other != y[i]) {
                w[i * k + other] = 1;
                w[i * k + y[i]] = -1;
            }
        }
        return HostRows.of(jac.vjp(Tensor.fromDoubles(like.device(), like.dtype(), w, 1, m, k)).select(0, 0));
    }

    private static double[][] boundaryPoints(double[][] x, double[][] total, double lambda) {
        double[][] out = new double[x.length][x[0].length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] = x[i][j] + lambda * total[i][j];
            }
        }
        return out;
    }

    /** One-hot weights [K, m, K]: row c picks ∂z_c/∂x. */
    private static Tensor identity(int k, int m, Tensor like) {
        double[] w = new double[k * m * k];
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < m; i++) {
                w[(c * m + i) * k + c] = 1;
            }
        }
        return Tensor.fromDoubles(like.device(), like.dtype(), w, k, m, k);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
