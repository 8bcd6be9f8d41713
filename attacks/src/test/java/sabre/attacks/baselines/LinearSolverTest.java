package sabre.attacks.baselines;

import org.junit.jupiter.api.Test;
import sabre.attacks.Classifier;
import sabre.attacks.FooledFixture;
import sabre.nn.Sequential;
import sabre.nn.layers.Flatten;
import sabre.nn.layers.Linear;
import sabre.tensor.DType;
import sabre.tensor.Device;
import sabre.tensor.Generator;
import sabre.tensor.Tensor;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SparseFool's two parts by hand: the coordinate solver, and DeepFool on a linear model (exact in one step); and
 * DeepFool's chunked Jacobian passes giving the same bits as one pass.
 */
class LinearSolverTest {
    private static final double[] W = {3, -1, 0.5};
    private static final double[] X = {0.5, 0.5, 0.5};
    private static final double[] BOUNDARY = {0.9, 0.5, 0.5}; // w·(x − x_B) = −1.2: x is on the negative side

    @Test
    void theLargestCoordinateAloneCrossesWhenTheBoxAllows() {
        double[] out = LinearSolver.solve(X, W, BOUNDARY, new double[] {0, 0, 0}, new double[] {1, 1, 1});
        // step |−1.2 − 0.001| / 3 along +sign(w_0) lands 0.001 past the plane
        assertArrayEquals(new double[] {0.5 + 1.201 / 3, 0.5, 0.5}, out, 1e-12);
    }

    @Test
    void aSaturatedCoordinateHandsOverToTheNextLargest() {
        double[] out = LinearSolver.solve(X, W, BOUNDARY, new double[] {0, 0, 0}, new double[] {0.7, 1, 1});
        // x_0 stops at 0.7 (f = −0.6); x_1 needs −0.601 and stops at 0 (f = −0.1); x_2 moves by 0.101 / 0.5
        assertArrayEquals(new double[] {0.7, 0, 0.5 + 0.101 / 0.5}, out, 1e-12);
        assertArrayEquals(new double[] {0.5, 0.5, 0.5}, X, 0.0, "the input must not be modified");
    }

    @Test
    void deepFoolOnALinearModelFindsTheExactBoundary() {
        // z = Wx + b on 2 features, W = [[1, 0], [0, 2]], b = 0; x = (0.6, 0.1): z = (0.6, 0.2), class 0.
        // w = ∇z₁ − ∇z₀ = (−1, 2), f = −0.4, r = 0.4/5·(−1, 2) = (−0.08, 0.16) reaches the boundary exactly.
        Linear lin = new Linear(2, 2, true, new Generator(1));
        lin.loadStateDict(Map.of("weight", Tensor.of(new double[] {1, 0, 0, 2}, 2, 2).to(DType.FLOAT32),
                "bias", Tensor.zeros(DType.FLOAT32, 2)), true);
        Classifier f = Classifier.of(new Sequential().add(new Flatten()).add(lin).eval());
        Tensor like = Tensor.zeros(DType.FLOAT32, 1, 1, 1, 2).to(Device.defaultDevice());
        double[][] rows = {{0.6, 0.1}};
        DeepFool.Boundary b = DeepFool.find(f, rows, new int[] {0}, new int[] {0}, like, 50, 0.02, 3, 2,
                DeepFool.COPIES);
        assertArrayEquals(new double[] {-1, 2}, b.normal()[0], 1e-6);
        assertArrayEquals(new double[] {0.6 - 3 * 0.08, 0.1 + 3 * 0.16}, b.point()[0], 1e-6);
    }

    @Test
    void deepFoolGivesTheSameBitsInChunksOfOneImage() {
        Classifier f = FooledFixture.classifier();
        Tensor x = FooledFixture.images(3);
        double[][] rows = HostRows.of(x);
        int[] which = {0, 1, 2};
        int[] labels = FooledFixture.labels(3).toIntArray();
        DeepFool.Boundary whole = DeepFool.find(f, rows, which, labels, x, 5, 0.02, 3, 10, DeepFool.COPIES);
        DeepFool.Boundary chunked = DeepFool.find(f, rows, which, labels, x, 5, 0.02, 3, 10, 10);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(whole.normal()[i], chunked.normal()[i], 0.0, "normal of image " + i);
            assertArrayEquals(whole.point()[i], chunked.point()[i], 0.0, "point of image " + i);
        }
        assertTrue(java.util.Arrays.stream(whole.normal()[0]).anyMatch(v -> v != 0), "a zero normal proves nothing");
    }
}
