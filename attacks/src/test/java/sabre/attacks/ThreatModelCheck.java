package sabre.attacks;

import sabre.tensor.Tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every attack result must satisfy, checked from the arrays alone: images in [0, 1], inside the ball (L∞ or L2,
 * when bounded), unchanged where the mask is 0, norms equal to norms recomputed here, success flags equal to a fresh
 * forward pass of the returned images, and — so that a no-op attack fails — at least {@code minFooled} of the images
 * fooled.
 *
 * <pre>{@code ThreatModelCheck.verify("pgd", f, x, result, ThreatModelCheck.linf(8 / 255.0), 0.5);}</pre>
 */
public final class ThreatModelCheck {
    /** The ball an attack promises to stay in: norm L∞ or L2 with radius, or none. */
    public record Ball(boolean l2, double radius) {
    }

    private ThreatModelCheck() {
    }

    public static Ball linf(double eps) {
        return new Ball(false, eps);
    }

    public static Ball l2(double eps) {
        return new Ball(true, eps);
    }

    /** No ball (an unbounded attack). */
    public static Ball unbounded() {
        return new Ball(false, Double.POSITIVE_INFINITY);
    }

    /** Checks {@code r} (an attack on {@code x}) and returns how many images have a partial mask (0 < ones < all). */
    public static int verify(String name, Classifier f, Tensor x, AttackResult r, Ball ball, double minFooled) {
        float[] a = x.toFloatArray();
        float[] b = r.adversarial().toFloatArray();
        float[] m = r.masks().toFloatArray();
        int n = x.shape(0);
        int per = a.length / n;
        int plane = x.shape(2) * x.shape(3);
        int partial = 0;
        for (int i = 0; i < n; i++) {
            int l0e = 0;
            double l1 = 0;
            double l2sq = 0;
            double linf = 0;
            int ones = 0;
            boolean[] pix = new boolean[plane];
            for (int k = i * per; k < (i + 1) * per; k++) {
                assertTrue(b[k] >= 0 && b[k] <= 1, name + ": pixel outside [0, 1]: " + b[k]);
                assertTrue(m[k] == 0 || m[k] == 1, name + ": mask not binary: " + m[k]);
                ones += m[k] == 1 ? 1 : 0;
                if (m[k] == 0) {
                    assertEquals(a[k], b[k], 0.0, name + ": element " + k + " changed outside the mask");
                }
                double d = Math.abs((double) b[k] - a[k]);
                if (d > 0) {
                    l0e++;
                    pix[(k - i * per) % plane] = true;
                }
                l1 += d;
                l2sq += d * d;
                linf = Math.max(linf, d);
            }
            partial += ones > 0 && ones < per ? 1 : 0;
            int l0p = 0;
            for (boolean p : pix) {
                l0p += p ? 1 : 0;
            }
            if (ball.l2()) {
                assertTrue(Math.sqrt(l2sq) <= ball.radius() + 1e-6, name + ": L2 " + Math.sqrt(l2sq) + " > eps");
            } else {
                assertTrue(linf <= ball.radius() + 1e-7, name + ": Linf " + linf + " > eps " + ball.radius());
            }
            Distances d = r.distances();
            assertEquals(l0e, d.l0Elements()[i], name + " L0 elements");
            assertEquals(l0p, d.l0Pixels()[i], name + " L0 pixels");
            assertEquals(l1, d.l1()[i], 1e-9 * Math.max(1, l1), name + " L1");
            assertEquals(Math.sqrt(l2sq), d.l2()[i], 1e-9, name + " L2");
            assertEquals(linf, d.linf()[i], 1e-12, name + " Linf");
        }
        int[] predicted = f.predict(r.adversarial()).toIntArray();
        int fooled = 0;
        for (int i = 0; i < n; i++) {
            assertEquals(predicted[i], r.predicted()[i], name + " predicted");
            boolean ok = r.targeted() ? predicted[i] == r.aimedAt()[i] : predicted[i] != r.labels()[i];
            assertEquals(ok, r.success()[i], name + " success flag of sample " + i);
            fooled += ok ? 1 : 0;
        }
        assertTrue(fooled >= minFooled * n, name + ": only " + fooled + " of " + n + " images fooled");
        return partial;
    }
}
