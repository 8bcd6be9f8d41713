package sabre.tests;

import org.junit.jupiter.api.Test;
import sabre.autograd.Autograd;
import sabre.autograd.F;
import sabre.autograd.Var;
import sabre.tensor.DType;
import sabre.tensor.Device;
import sabre.tensor.Functional;
import sabre.tensor.Generator;
import sabre.tensor.Tensor;

import java.lang.ref.WeakReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Edge cases where a naive formula gives NaN, a wrong sign or a crash, each checked against PyTorch's value. */
class EdgeCaseTest {
    private static Tensor d(double... v) {
        return Tensor.of(v, v.length);
    }

    @Test
    void powGradientAtZeroToTheZeroIsZero() {
        Var x = Var.param(d(0, 2));
        assertArrayEquals(new double[] {0, 0}, Autograd.grad(x.pow(0.0).sum(), x)[0].toDoubleArray());
        Var a = Var.param(d(0));
        Var b = Var.param(d(0));
        Tensor[] g = Autograd.grad(a.pow(b).sum(), a, b);
        assertEquals(0.0, g[0].item());
        assertEquals(0.0, g[1].item());
    }

    @Test
    void fractionalNormGradientIsZeroAtZeroEntries() {
        Var x = Var.param(d(0, 1, 4));
        double[] g = Autograd.grad(x.norm(0.5, null, false), x)[0].toDoubleArray();
        assertEquals(0.0, g[0]);
        assertEquals(3.0, g[1], 1e-12); // d/dx (Σ√|x|)² = 2(Σ√|x|)·1/(2√x) = 3/√x
        assertEquals(1.5, g[2], 1e-12);
    }

    @Test
    void varianceWithCorrectionAboveCountIsInfinite() {
        assertEquals(Double.POSITIVE_INFINITY, d(1, 2, 3).var(null, 4, false).item());
    }

    @Test
    void crossEntropyWithMinusInfinityLogitAndNoSmoothingIsFinite() {
        Tensor logits = Tensor.of(new double[] {0, Double.NEGATIVE_INFINITY}, 1, 2);
        assertEquals(0.0, Functional.crossEntropy(logits, Tensor.ofInts(new int[] {0}, 1), 0).item(), 0.0);
    }

    @Test
    void int32WithNonIntegralOrHugeScalarsPromotes() {
        Tensor ints = Tensor.ofInts(new int[] {0, 1, 2}, 3);
        assertEquals(DType.FLOAT32, ints.add(Double.POSITIVE_INFINITY).dtype());
        assertEquals(DType.FLOAT32, ints.add(3e9).dtype());
        assertArrayEquals(new boolean[] {true, true, true}, ints.lt(3e9).toBooleanArray());
        assertArrayEquals(new double[] {0.5, 1, 1.5}, ints.clamp(0.5, 1.5).toDoubleArray());
        assertEquals(DType.INT32, ints.clamp(0, 1).dtype());
    }

    @Test
    void int32SumWrapsLikeInt32Addition() {
        Tensor big = Tensor.ofInts(new int[] {Integer.MAX_VALUE, 1}, 2);
        assertEquals(big.narrow(0, 0, 1).add(big.narrow(0, 1, 1)).item(), big.sum().item());
    }

    @Test
    void float32UniformNeverReachesHigh() {
        // this counter rounds 1 + (1 − 2^-24) up to 2.0f without the guard
        Tensor u = Tensor.uniform(new Generator(0, 38471471), Device.defaultDevice(), DType.FLOAT32, 1, 2, 1);
        assertTrue(u.item() < 2.0, "uniform returned " + u.item());
    }

    @Test
    void vectorDotProductThroughAutograd() {
        Var a = Var.param(d(1, 2, 3));
        Var b = Var.param(d(4, 5, 6));
        Var dot = a.matmul(b);
        assertEquals(0, dot.value().dim());
        assertEquals(32.0, dot.value().item());
        assertArrayEquals(new double[] {4, 5, 6}, Autograd.grad(dot, a)[0].toDoubleArray());
    }

    @Test
    void batchNormWithBiasButNoWeightBackpropagates() {
        Var x = Var.param(Tensor.of(new double[] {1, 2, 3, 5}, 4, 1));
        Var b = Var.param(d(0.5));
        Tensor[] g = Autograd.grad(F.batchNorm(x, null, b, null, null, true, 1e-5).output().mul(x).sum(), x, b);
        assertEquals(4, g[0].numel());
        assertEquals(Tensor.of(new double[] {1, 2, 3, 5}, 4).sum().item(), g[1].item(), 1e-12); // Σ g with g = x
    }

    @Test
    void backwardReleasesIntermediateActivations() {
        Var w = Var.param(Tensor.ones(DType.FLOAT64, 256, 256));
        Var hidden = w.mul(2.0);
        WeakReference<Tensor> activation = new WeakReference<>(hidden.value());
        Var loss = hidden.exp().sum();
        hidden = null; // only the graph still holds it
        loss.backward();
        for (int i = 0; i < 20 && activation.get() != null; i++) {
            System.gc();
        }
        assertTrue(activation.get() == null, "the graph kept an intermediate activation alive after backward");
        assertThrows(IllegalStateException.class, loss::backward);
    }
}
