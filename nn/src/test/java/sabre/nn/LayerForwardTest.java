package sabre.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static sabre.nn.TensorAssert.assertClose;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import sabre.autograd.Var;
import sabre.nn.layers.AdaptiveAvgPool2d;
import sabre.nn.layers.AvgPool2d;
import sabre.nn.layers.ConvTranspose2d;
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

/** Each layer's forward against an independent computation ({@link Naive} loops or the scalar formula). */
class LayerForwardTest {
    private static Tensor randn(long seed, int... shape) {
        return Tensor.randn(new Generator(seed), DType.FLOAT64, shape);
    }

    private static Tensor run(Module m, Tensor x) {
        return m.forward(Var.of(x)).value();
    }

    @ParameterizedTest(name = "in={0} out={1} k={2} stride={3} pad={4} dil={5} groups={6} outPad={7}")
    @CsvSource({"3, 4, 3, 2, 1, 1, 1, 1", "4, 6, 2, 2, 0, 1, 2, 0", "2, 3, 3, 1, 0, 2, 1, 1", "2, 2, 1, 3, 0, 1, 1, 2"})
    void convTranspose2dMatchesTheScatterDefinition(int in, int out, int k, int stride, int pad, int dil, int groups,
                                                    int outPad) {
        ConvTranspose2d layer = new ConvTranspose2d(in, out, k, Conv2dParams.of(stride, pad, dil, groups), outPad, true,
                new Generator(1));
        Tensor x = Tensor.randn(new Generator(2), DType.FLOAT32, 2, in, 4, 5);
        Tensor w = layer.weight().value();
        assertArrayEquals(new int[] {in, out / groups, k, k}, w.shape(), "weight layout [in, out/groups, k, k]");
        Tensor bias = layer.stateDict().get("bias");
        Tensor expected = Naive.convTranspose2d(x, w, bias, stride, pad, dil, groups, outPad);
        assertEquals((4 - 1) * stride - 2 * pad + dil * (k - 1) + outPad + 1, expected.shape(2));
        assertClose(expected, run(layer, x), 1e-5);
    }

    @Test
    void leakyReluIsTheIdentityAboveZeroAndScaledBelow() {
        double[] xs = {-3, -0.5, 0, 0.25, 2};
        for (double slope : new double[] {0.01, 0.2, -0.5}) {
            double[] expected = new double[xs.length];
            for (int i = 0; i < xs.length; i++) {
                expected[i] = xs[i] > 0 ? xs[i] : slope * xs[i];
            }
            assertClose(Tensor.of(expected, 5), run(new LeakyReLU(slope), Tensor.of(xs, 5)), 0);
        }
        assertClose(Tensor.of(new double[] {-0.03, 3}, 2), run(new LeakyReLU(), Tensor.of(new double[] {-3, 3}, 2)),
                1e-15);
    }

    @Test
    void sigmoidAndTanhFollowTheirFormulas() {
        Tensor x = randn(3, 2, 7).mul(3);
        double[] v = x.toDoubleArray();
        double[] sig = new double[v.length];
        double[] tanh = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            sig[i] = 1 / (1 + Math.exp(-v[i]));
            tanh[i] = Math.tanh(v[i]);
        }
        assertClose(Tensor.of(sig, 2, 7), run(new Sigmoid(), x), 1e-14);
        assertClose(Tensor.of(tanh, 2, 7), run(new Tanh(), x), 1e-14);
    }

    @ParameterizedTest(name = "k={0} stride={1} pad={2} dil={3} ceil={4}")
    @CsvSource({"2, 2, 0, 1, false", "3, 2, 1, 1, true", "3, 2, 1, 1, false", "2, 1, 1, 2, false", "2, 3, 0, 1, true"})
    void maxPool2dTakesTheMaximumOfEachWindow(int k, int stride, int pad, int dil, boolean ceil) {
        Tensor x = randn(4, 2, 3, 7, 8);
        MaxPool2d layer = new MaxPool2d(new Pool2dParams(k, k, stride, stride, pad, pad, dil, dil, ceil));
        assertClose(Naive.maxPool2d(x, k, stride, pad, dil, ceil), run(layer, x), 0);
    }

    @Test
    void maxPool2dWithOneArgumentUsesTheKernelAsStride() {
        Tensor x = randn(5, 1, 2, 6, 6);
        assertClose(Naive.maxPool2d(x, 3, 3, 0, 1, false), run(new MaxPool2d(3), x), 0);
    }

    @ParameterizedTest(name = "k={0} stride={1} pad={2} ceil={3} countIncludePad={4}")
    @CsvSource({"2, 2, 0, false, true", "3, 2, 1, true, true", "3, 2, 1, true, false", "3, 2, 1, false, false",
            "2, 3, 1, true, true", "4, 3, 2, true, false"})
    void avgPool2dAveragesEachWindowWithPyTorchsDivisor(int k, int stride, int pad, boolean ceil,
                                                         boolean countIncludePad) {
        Tensor x = randn(6, 2, 2, 7, 6);
        AvgPool2d layer = new AvgPool2d(new Pool2dParams(k, k, stride, stride, pad, pad, 1, 1, ceil), countIncludePad);
        assertClose(Naive.avgPool2d(x, k, stride, pad, ceil, countIncludePad), run(layer, x), 1e-14);
    }

    @Test
    void avgPool2dDivisorHandComputed() {
        // 3×3 input 1..9, window 2, stride 2, pad 1: the top-left window holds only x[0,0] = 1 (3 pad cells)
        Tensor x = Tensor.arange(1, 10, 1, DType.FLOAT64).reshape(1, 1, 3, 3);
        Pool2dParams p = Pool2dParams.of(2, 2, 1);
        assertEquals(0.25, run(new AvgPool2d(p, true), x).toDoubleArray()[0], 1e-15);
        assertEquals(1.0, run(new AvgPool2d(p, false), x).toDoubleArray()[0], 1e-15);
        assertEquals((1 + 2 + 4 + 5) / 4.0, run(new AvgPool2d(2), x).item(), 1e-15);
    }

    @Test
    void adaptiveAvgPool2dAveragesOverlappingBins() {
        Tensor x = randn(7, 2, 3, 7, 5);
        assertClose(Naive.adaptiveAvgPool2d(x, 3, 2), run(new AdaptiveAvgPool2d(3, 2), x), 1e-14);
        Tensor global = run(new AdaptiveAvgPool2d(1), x);
        assertClose(x.mean(new int[] {2, 3}, true), global, 1e-14);
    }

    @Test
    void upsampleNearestBySizeAndScale() {
        Tensor x = randn(8, 2, 3, 3, 4);
        assertClose(Naive.upsampleNearest(x, 7, 9), run(Upsample.toSize(7, 9, Upsample.Mode.NEAREST, false), x), 0);
        assertClose(Naive.upsampleNearest(x, 6, 8), run(Upsample.byScale(2, Upsample.Mode.NEAREST, false), x), 0);
    }

    @ParameterizedTest(name = "alignCorners={0}")
    @CsvSource({"true", "false"})
    void upsampleBilinearBySizeAndScale(boolean alignCorners) {
        Tensor x = randn(9, 2, 3, 3, 4);
        assertClose(Naive.upsampleBilinear(x, 7, 9, alignCorners),
                run(Upsample.toSize(7, 9, Upsample.Mode.BILINEAR, alignCorners), x), 1e-14);
        assertClose(Naive.upsampleBilinear(x, 9, 12, alignCorners),
                run(Upsample.byScale(3, Upsample.Mode.BILINEAR, alignCorners), x), 1e-14);
    }

    @Test
    void bilinearScaleTwoHandComputed() {
        // [[0, 1]] doubled with aligned corners: columns at 0, 1/3, 2/3, 1
        Tensor x = Tensor.of(new double[] {0, 1}, 1, 1, 1, 2);
        assertClose(Tensor.of(new double[] {0, 1 / 3.0, 2 / 3.0, 1, 0, 1 / 3.0, 2 / 3.0, 1}, 1, 1, 2, 4),
                run(Upsample.byScale(2, Upsample.Mode.BILINEAR, true), x), 1e-15);
        // half-pixel centres: sources −0.25→0 (clamped), 0.25, 0.75, 1.25→1
        assertClose(Tensor.of(new double[] {0, 0.25, 0.75, 1, 0, 0.25, 0.75, 1}, 1, 1, 2, 4),
                run(Upsample.byScale(2, Upsample.Mode.BILINEAR, false), x), 1e-15);
    }

    @Test
    void describeShowsEachLayersConfiguration() {
        Generator g = new Generator(0);
        assertEquals("ConvTranspose2d(4->6, k=3, stride=2, pad=1, output_padding=1, groups=2, bias=true)\n",
                new ConvTranspose2d(4, 6, 3, Conv2dParams.of(2, 1, 1, 2), 1, true, g).toString());
        assertEquals("ConvTranspose2d(8->4, k=2, stride=2, pad=0, bias=false)\n",
                new ConvTranspose2d(8, 4, 2, 2, 0, false, g).toString());
        assertEquals("LeakyReLU(negative_slope=0.2)\n", new LeakyReLU(0.2).toString());
        assertEquals("Sigmoid\n", new Sigmoid().toString());
        assertEquals("MaxPool2d(k=2x2, stride=2x2, pad=0x0)\n", new MaxPool2d(2).toString());
        assertEquals("AvgPool2d(k=3x3, stride=2x2, pad=1x1, ceil_mode, count_include_pad=false)\n",
                new AvgPool2d(new Pool2dParams(3, 3, 2, 2, 1, 1, 1, 1, true), false).toString());
        assertEquals("AdaptiveAvgPool2d(output=1x1)\n", new AdaptiveAvgPool2d(1).toString());
        assertEquals("Upsample(scale_factor=2, mode=bilinear, align_corners=true)\n",
                Upsample.byScale(2, Upsample.Mode.BILINEAR, true).toString());
        assertEquals("Upsample(size=5x7, mode=nearest)\n", Upsample.toSize(5, 7, Upsample.Mode.NEAREST, false)
                .toString());
    }
}
