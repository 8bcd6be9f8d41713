package sabre.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;

import org.junit.jupiter.api.Test;

import sabre.autograd.Autograd;
import sabre.autograd.CustomFunction;
import sabre.autograd.F;
import sabre.autograd.GradCheck;
import sabre.autograd.NoGrad;
import sabre.autograd.Var;
import sabre.tensor.Conv2dParams;
import sabre.tensor.DType;
import sabre.tensor.Device;
import sabre.tensor.Generator;
import sabre.tensor.Tensor;

/**
 * End-to-end gradient check of a small conv net in FLOAT64 on the reference device:
 * conv(3→4, 3×3, pad 1) → batch norm (training, affine) → relu → conv(4→5, 3×3, stride 2) → adaptive avg pool 1×1
 * → flatten → linear(5→3) → cross-entropy (label smoothing 0.1, mean), input [2, 3, 6, 6]. The gradient with respect
 * to the input and every weight and bias is compared with central finite differences, element by element.
 */
class ConvNetGradTest {
    private static final Device REF = Device.REFERENCE;
    /** Step of the five-point stencil (error O(h⁴) ≈ 1e-13, rounding noise ≈ 1e-16/h ≈ 1e-13). */
    private static final double EPS = 5e-4;

    /** Names of the inputs of {@link #net}, in order. */
    private static final String[] NAMES = {"input", "conv1.weight", "conv1.bias", "bn.weight", "bn.bias",
            "conv2.weight", "conv2.bias", "fc.weight", "fc.bias"};

    private static final Tensor LABELS = Tensor.ofInts(new int[] {2, 0}, 2).to(REF);

    private static Tensor normal(Generator g, double std, int... shape) {
        return Tensor.normal(g, REF, DType.FLOAT64, 0, std, shape);
    }

    /** Seeded inputs and parameters, in the order of {@link #NAMES}. */
    private static Tensor[] inputs() {
        Generator g = new Generator(20240607L);
        return new Tensor[] {
                normal(g, 1.0, 2, 3, 6, 6),
                normal(g, 0.3, 4, 3, 3, 3),
                normal(g, 0.1, 4),
                Tensor.uniform(g, REF, DType.FLOAT64, 0.5, 1.5, 4),
                normal(g, 0.1, 4),
                normal(g, 0.3, 5, 4, 3, 3),
                normal(g, 0.1, 5),
                normal(g, 0.5, 3, 5),
                normal(g, 0.1, 3)};
    }

    /** The batch-norm output before the relu (to check no element sits on the kink). */
    private static Var preRelu(Var[] in) {
        Var h = F.conv2d(in[0], in[1], in[2], Conv2dParams.of(1, 1));
        return F.batchNorm(h, in[3], in[4], null, null, true, 1e-5).output();
    }

    private static Var head(Var h, Var[] in) {
        h = F.conv2d(h, in[5], in[6], Conv2dParams.of(2, 0));
        h = F.adaptiveAvgPool2d(h, 1, 1).flatten(1, -1);
        Var logits = F.linear(h, in[7], in[8]);
        return F.crossEntropy(logits, LABELS, 0.1, F.Reduction.MEAN);
    }

    private static Var net(Var[] in) {
        return head(preRelu(in).relu(), in);
    }

    @Test
    void shapesAndDeviceAreAsSpecified() {
        Tensor[] t = inputs();
        try (NoGrad ignored = NoGrad.enter()) {
            Var[] in = new Var[t.length];
            for (int i = 0; i < t.length; i++) {
                in[i] = Var.of(t[i]);
                assertEquals(REF, t[i].device(), NAMES[i]);
                assertEquals(DType.FLOAT64, t[i].dtype(), NAMES[i]);
            }
            Var h1 = preRelu(in);
            assertEquals("[2, 4, 6, 6]", java.util.Arrays.toString(h1.shape()));
            Var h2 = F.conv2d(h1.relu(), in[5], in[6], Conv2dParams.of(2, 0));
            assertEquals("[2, 5, 2, 2]", java.util.Arrays.toString(h2.shape()));
            Var loss = net(in);
            assertEquals(0, loss.value().dim());
            assertEquals(REF, loss.value().device());
            assertTrue(Double.isFinite(loss.value().item()) && loss.value().item() > 0);
        }
    }

    @Test
    void gradientsMatchCentralDifferences() {
        Tensor[] t = inputs();
        // relu has a kink at 0: the stencil evaluates x ± 2h, so no pre-activation may lie within ~2h of it (each
        // pre-activation moves by far less than the input step; 4h leaves room). This guards the fixed seed.
        try (NoGrad ignored = NoGrad.enter()) {
            Var[] in = new Var[t.length];
            for (int i = 0; i < t.length; i++) {
                in[i] = Var.of(t[i]);
            }
            double nearest = preRelu(in).value().abs().amin(null, false).item();
            assertTrue(nearest > 4 * EPS, "a pre-activation is within " + nearest + " of the relu kink");
        }

        GradCheck.Result r = GradCheck.elementwise(ConvNetGradTest::net, t, EPS, 11, GradCheck.Stencil.FIVE_POINT);
        int total = 0;
        for (Tensor x : t) {
            total += x.numel();
        }
        assertEquals(total, r.checked(), "every element of the input and of every parameter is checked");

        // Why these tolerances. The five-point stencil with h = 5e-4 has truncation error O(h⁴·f⁽⁵⁾) ≈ 1e-12 and
        // rounding error ≈ (a few ulps of the O(1) loss)/h ≈ 1e-13, so a correct backward agrees with it to ~1e-12
        // absolutely; relative to gradient elements of 1e-5 and up that is ≤ 1e-7. Hence: max relative error
        // |a − n| / max(|a|, |n|) ≤ 1e-6 over every element, counting as exact only pairs below 1e-10 (the conv1.bias
        // gradients, zero in theory because training-mode batch norm removes per-channel constants), and the
        // mixed bound |a − n| ≤ 1e-10 + 1e-6·|n|. A wrong rule (a 0.1% scale error) fails both, as the control shows.
        double rel = r.maxRelError(1e-10);
        assertTrue(rel <= 1e-6, "max relative error " + rel + "; " + r.describe(1e-10, 1e-6) + ", inputs " + names());
        assertTrue(r.passes(1e-10, 1e-6), r.describe(1e-10, 1e-6) + ", inputs " + names());
        System.out.printf("conv net gradcheck: %d elements, max |a-n| %.2e, max rel %.2e%n", r.checked(),
                r.maxAbsError(), rel);
    }

    @Test
    void conv1BiasGradientVanishesUnderTrainingBatchNorm() {
        Tensor[] t = inputs();
        Var[] in = new Var[t.length];
        for (int i = 0; i < t.length; i++) {
            in[i] = Var.param(t[i]);
        }
        Tensor[] g = Autograd.grad(net(in), in);
        double[] db1 = g[2].toDoubleArray();
        for (double v : db1) {
            assertEquals(0.0, v, 1e-14, "batch norm removes any per-channel constant");
        }
        // the others are not trivially zero (so the check above compares real numbers)
        for (int i : new int[] {0, 1, 3, 4, 5, 6, 7, 8}) {
            double max = 0;
            for (double v : g[i].toDoubleArray()) {
                max = Math.max(max, Math.abs(v));
            }
            assertTrue(max > 1e-4, NAMES[i] + " gradient is ~0: " + max);
        }
    }

    /** Control: the same check with a relu whose backward is off by 0.1% must fail, so the check can fail. */
    @Test
    void checkDetectsASlightlyWrongBackward() {
        CustomFunction badRelu = new CustomFunction() {
            public String name() {
                return "bad_relu";
            }

            public Tensor forward(Context ctx, Tensor... x) {
                ctx.save("x", x[0]);
                return x[0].relu();
            }

            public Tensor[] backward(Context ctx, Tensor g) {
                Tensor x = ctx.get("x");
                return new Tensor[] {g.mul(x.gt(0).to(g.dtype())).mul(1.001)};
            }
        };
        Function<Var[], Var> wrong = in -> head(badRelu.apply(preRelu(in)), in);
        GradCheck.Result r = GradCheck.randomDirection(wrong, inputs(), 1e-6, 11);
        assertTrue(!r.passes(1e-9, 1e-6) && r.maxRelError(1e-9) > 1e-6, r.describe(1e-9, 1e-6));
        GradCheck.Result ok = GradCheck.randomDirection(ConvNetGradTest::net, inputs(), 1e-6, 11);
        assertTrue(ok.passes(1e-9, 1e-6), ok.describe(1e-9, 1e-6));
    }

    private static String names() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < NAMES.length; i++) {
            sb.append(i > 0 ? ", " : "").append(i).append('=').append(NAMES[i]);
        }
        return sb.toString();
    }
}
