package sabre.nn.models;

import org.junit.jupiter.api.Test;
import sabre.autograd.Autograd;
import sabre.autograd.GradCheck;
import sabre.autograd.Var;
import sabre.tensor.DType;
import sabre.tensor.Device;
import sabre.tensor.Generator;
import sabre.tensor.Tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Shake-Shake custom function: per-sample forward α, independent backward β, 0.5/0.5 in eval. */
class ShakeShakeTest {
    private static final Device DEVICE = Device.defaultDevice();
    private static final int N = 3;

    private static Tensor coefficients(double... perSample) {
        return Tensor.of(perSample, perSample.length, 1, 1, 1);
    }

    private static Tensor branch(long seed) {
        return Tensor.randn(new Generator(seed), DType.FLOAT64, N, 2, 2, 2);
    }

    /** Element (n, i) of a [N, 2, 2, 2] tensor. */
    private static double at(Tensor t, int n, int i) {
        return t.toDoubleArray()[n * 8 + i];
    }

    @Test
    void forwardMixesEachSampleWithItsOwnAlpha() {
        double[] alpha = {0.1, 0.5, 0.9};
        Tensor b1 = branch(1);
        Tensor b2 = branch(2);
        ShakeShake shake = new ShakeShake(coefficients(alpha), coefficients(0.7, 0.2, 0.4));
        Tensor y = shake.apply(Var.of(b1), Var.of(b2)).value();
        for (int n = 0; n < N; n++) {
            for (int i = 0; i < 8; i++) {
                assertEquals(alpha[n] * at(b1, n, i) + (1 - alpha[n]) * at(b2, n, i), at(y, n, i), 1e-15);
            }
        }
    }

    @Test
    void backwardScalesEachSampleByItsOwnBeta() {
        double[] beta = {0.7, 0.2, 0.4};
        Var b1 = Var.param(branch(1));
        Var b2 = Var.param(branch(2));
        Tensor c = branch(3);
        Var y = new ShakeShake(coefficients(0.1, 0.5, 0.9), coefficients(beta)).apply(b1, b2);
        Tensor[] grads = Autograd.grad(y.mul(Var.of(c)).sum(), b1, b2);
        for (int n = 0; n < N; n++) {
            for (int i = 0; i < 8; i++) {
                assertEquals(beta[n] * at(c, n, i), at(grads[0], n, i), 1e-15);
                assertEquals((1 - beta[n]) * at(c, n, i), at(grads[1], n, i), 1e-15);
            }
        }
    }

    @Test
    void finiteDifferencesSeeAlphaSoTheBackwardIsTheTrueGradientOnlyWhenBetaEqualsAlpha() {
        Tensor alpha = coefficients(0.1, 0.5, 0.9);
        Tensor[] inputs = {branch(1), branch(2)};
        ShakeShake matched = new ShakeShake(alpha, alpha);
        GradCheck.Result same = GradCheck.elementwise(in -> matched.apply(in[0], in[1]), inputs, 1e-6, 7);
        assertTrue(same.passes(1e-8, 1e-6), same.describe(1e-8, 1e-6));
        ShakeShake shaken = new ShakeShake(alpha, coefficients(0.7, 0.2, 0.4));
        GradCheck.Result differ = GradCheck.elementwise(in -> shaken.apply(in[0], in[1]), inputs, 1e-6, 7);
        assertFalse(differ.passes(1e-3, 1e-2), differ.describe(1e-3, 1e-2));
    }

    @Test
    void trainingDrawsIndependentPerSampleAlphaAndBetaFromTheGenerator() {
        Generator g = new Generator(4);
        ShakeShake s = ShakeShake.draw(N, true, g, DType.FLOAT32, DEVICE);
        float[] alpha = s.alpha().toFloatArray();
        float[] beta = s.beta().toFloatArray();
        assertEquals(2L * N, g.offset(), "α then β, one draw per sample each");
        for (int n = 0; n < N; n++) {
            assertTrue(alpha[n] >= 0 && alpha[n] < 1 && beta[n] >= 0 && beta[n] < 1);
            assertNotEquals(alpha[n], beta[n]);
        }
        assertNotEquals(alpha[0], alpha[1]);
        assertNotEquals(alpha[1], alpha[2]);
        Generator again = new Generator(4);
        assertArrayEquals(alpha, ShakeShake.draw(N, true, again, DType.FLOAT32, DEVICE).alpha().toFloatArray());
        assertFalse(java.util.Arrays.equals(alpha, ShakeShake.draw(N, true, g, DType.FLOAT32, DEVICE).alpha()
                .toFloatArray()), "the next batch draws new coefficients");
    }

    @Test
    void evalUsesOneHalfBothWaysAndDrawsNothing() {
        Generator g = new Generator(4);
        ShakeShake s = ShakeShake.draw(N, false, g, DType.FLOAT64, DEVICE);
        assertArrayEquals(new double[] {0.5, 0.5, 0.5}, s.alpha().toDoubleArray());
        assertArrayEquals(new double[] {0.5, 0.5, 0.5}, s.beta().toDoubleArray());
        assertEquals(0, g.offset());
    }

    @Test
    void mismatchedBranchesAreRefused() {
        ShakeShake s = ShakeShake.draw(N, false, new Generator(0), DType.FLOAT64, DEVICE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.apply(Var.of(branch(1)), Var.of(Tensor.zeros(DType.FLOAT64, N, 2, 2, 3))));
        assertTrue(e.getMessage().startsWith("shake_shake: expected two [3, C, H, W] branches"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ShakeShake(coefficients(0.5, 0.5), coefficients(0.5)));
    }
}
