package sabre.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sabre.nn.TensorAssert.assertClose;
import static sabre.nn.TensorAssert.assertPasses;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import sabre.autograd.Autograd;
import sabre.autograd.GradCheck;
import sabre.autograd.Var;
import sabre.nn.layers.AdaptiveAvgPool2d;
import sabre.nn.layers.AvgPool2d;
import sabre.nn.layers.ConvTranspose2d;
import sabre.nn.layers.Dropout;
import sabre.nn.layers.LeakyReLU;
import sabre.nn.layers.MaxPool2d;
import sabre.nn.layers.Sigmoid;
import sabre.nn.layers.Tanh;
import sabre.nn.layers.Upsample;
import sabre.tensor.Conv2dParams;
import sabre.tensor.DType;
import sabre.tensor.Generator;
import sabre.tensor.Pool2dParams;
import sabre.tensor.Tensor;

/**
 * Gradients of every new layer against central finite differences in FLOAT64 ({@link GradCheck#elementwise}: every
 * element of every input). The layers are piecewise smooth; inputs keep away from kinks and ties, so a correct
 * backward agrees to ~1e-9 with h = 1e-6. ConvTranspose2d is checked with respect to its input, weight and bias
 * through {@link ModuleFunction}.
 */
class LayerGradTest {
    private static final double EPS = 1e-6;
    private static final double ATOL = 1e-8;
    private static final double RTOL = 1e-6;

    private static Tensor randn(long seed, int... shape) {
        return Tensor.randn(new Generator(seed), DType.FLOAT64, shape);
    }

    /** Checks a parameterless module's gradient w.r.t. its FLOAT64 input, element by element. */
    private static void check(Module m, Tensor x) {
        assertPasses(GradCheck.elementwise(in -> m.forward(in[0]), new Tensor[] {x}, EPS, 17), x.numel(), ATOL, RTOL);
    }

    @ParameterizedTest(name = "in={0} out={1} k={2} stride={3} pad={4} dil={5} groups={6} outPad={7}")
    @CsvSource({"4, 6, 3, 2, 1, 1, 2, 1", "2, 3, 2, 2, 0, 1, 1, 0", "3, 2, 3, 1, 1, 2, 1, 1"})
    void convTranspose2d(int in, int out, int k, int stride, int pad, int dil, int groups, int outPad) {
        Module m = new ConvTranspose2d(in, out, k, Conv2dParams.of(stride, pad, dil, groups), outPad, true,
                new Generator(3));
        Tensor[] inputs = ModuleFunction.inputs(m, randn(4, 2, in, 3, 3));
        int total = 0;
        for (Tensor t : inputs) {
            total += t.numel();
        }
        assertEquals(3, inputs.length, "input, weight, bias");
        assertPasses(GradCheck.elementwise(ModuleFunction.of(m), inputs, EPS, 17), total, ATOL, RTOL);
    }

    /** Inputs at least 0.1 away from 0, so x ± h never crosses a kink. */
    private static Tensor awayFromZero(long seed, int... shape) {
        Tensor x = randn(seed, shape);
        return x.sign().mul(x.abs().add(0.1));
    }

    @Test
    void leakyReluAwayFromTheKink() {
        check(new LeakyReLU(0.2), awayFromZero(5, 3, 4, 5));
    }

    @Test
    void leakyReluGradientIsOneAboveZeroAndTheSlopeElsewhere() {
        Tensor x = Tensor.of(new double[] {-2, -1e-3, 0, 1e-3, 3}, 5);
        Var v = Var.param(x);
        Tensor g = Autograd.grad(new LeakyReLU(0.3).forward(v).sum(), v)[0];
        assertClose(Tensor.of(new double[] {0.3, 0.3, 0.3, 1, 1}, 5), g, 0);
    }

    @Test
    void sigmoidAndTanh() {
        check(new Sigmoid(), randn(6, 2, 3, 4).mul(2));
        check(new Tanh(), randn(7, 2, 3, 4).mul(2));
    }

    @Test
    void maxPool2dWithPaddingAndCeilMode() {
        // Gaussian values: no two are within 2h of each other in a window (almost surely; fixed seed)
        check(new MaxPool2d(new Pool2dParams(3, 3, 2, 2, 1, 1, 1, 1, true)), randn(8, 2, 2, 6, 7));
        check(new MaxPool2d(2), randn(9, 1, 3, 4, 6));
    }

    @ParameterizedTest(name = "countIncludePad={0}")
    @CsvSource({"true", "false"})
    void avgPool2dWithPaddingAndCeilMode(boolean countIncludePad) {
        check(new AvgPool2d(new Pool2dParams(3, 3, 2, 2, 1, 1, 1, 1, true), countIncludePad), randn(10, 2, 2, 6, 7));
    }

    @Test
    void adaptiveAvgPool2d() {
        check(new AdaptiveAvgPool2d(3, 2), randn(11, 2, 2, 7, 5));
    }

    @Test
    void upsampleNearestAndBilinear() {
        check(Upsample.toSize(5, 7, Upsample.Mode.NEAREST, false), randn(12, 2, 2, 3, 4));
        check(Upsample.byScale(2, Upsample.Mode.BILINEAR, true), randn(13, 2, 2, 3, 4));
        check(Upsample.toSize(5, 7, Upsample.Mode.BILINEAR, false), randn(14, 2, 2, 3, 4));
    }

    @Test
    void dropoutInTraining() {
        // a fresh layer with the same seed per evaluation: every evaluation uses the same mask
        Tensor x = randn(15, 4, 25);
        GradCheck.Result r = GradCheck.elementwise(in -> new Dropout(0.4, new Generator(21)).forward(in[0]),
                new Tensor[] {x}, EPS, 17);
        assertPasses(r, x.numel(), ATOL, RTOL);
        // and the gradient is the scaled mask: 0 where dropped, 1/(1−p) where kept
        Var v = Var.param(x);
        Tensor g = Autograd.grad(new Dropout(0.4, new Generator(21)).forward(v).sum(), v)[0];
        int kept = 0;
        for (double d : g.toDoubleArray()) {
            assertTrue(d == 0 || Math.abs(d - 1 / 0.6) < 1e-12, "gradient " + d);
            kept += d == 0 ? 0 : 1;
        }
        assertTrue(kept > 0 && kept < x.numel(), "some kept and some dropped: " + kept);
    }

    @Test
    void theCheckDetectsAWrongLayerGradient() {
        // control: y = x² with a backward that is the identity's (value x², gradient 1) must fail the same check
        Module wrong = new Module() {
            @Override
            public Var forward(Var x) {
                return x.detach().mul(x.detach()).add(x.sub(x.detach()));
            }
        };
        Tensor x = randn(16, 3, 2);
        GradCheck.Result bad = GradCheck.elementwise(in -> wrong.forward(in[0]), new Tensor[] {x}, EPS, 17);
        assertTrue(bad.checked() == 6 && !bad.passes(ATOL, RTOL), bad.describe(ATOL, RTOL));
        check(new Module() {
            @Override
            public Var forward(Var v) {
                return v.mul(v);
            }
        }, x);
    }
}
