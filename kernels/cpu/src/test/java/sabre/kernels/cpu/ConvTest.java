package sabre.kernels.cpu;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import sabre.tensor.Conv2dParams;
import sabre.tensor.DType;
import sabre.tensor.Functional;
import sabre.tensor.Tensor;

import java.util.stream.Stream;

/** conv2d and both of its gradients on the CPU backend against the reference, over many geometries. */
class ConvTest {
    /** n, c, h, w, o, kh, kw and the parameters. */
    record Case(int n, int c, int h, int w, int o, int kh, int kw, Conv2dParams p, boolean bias) {
        @Override
        public String toString() {
            return String.format("x[%d,%d,%d,%d] w[%d,%d,%d,%d] %s bias=%s", n, c, h, w, o, c / p.groups(), kh, kw, p,
                    bias);
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case(2, 3, 8, 8, 4, 3, 3, Conv2dParams.of(1, 1), true),
                new Case(1, 3, 7, 9, 5, 3, 3, Conv2dParams.of(1, 0), false),
                new Case(3, 4, 11, 10, 6, 3, 3, Conv2dParams.of(2, 1), true),
                new Case(2, 6, 9, 13, 4, 3, 2, new Conv2dParams(3, 2, 2, 1, 1, 1, 1), false),
                new Case(2, 4, 12, 11, 6, 3, 3, Conv2dParams.of(1, 2, 2, 1), true),
                new Case(3, 6, 10, 9, 9, 3, 3, Conv2dParams.of(1, 1, 1, 3), true),
                new Case(2, 4, 9, 8, 4, 2, 3, new Conv2dParams(2, 1, 1, 2, 2, 1, 2), false),
                new Case(5, 8, 6, 7, 8, 1, 1, Conv2dParams.of(1, 0), true),          // pointwise: plain GEMM
                new Case(2, 8, 6, 7, 16, 1, 1, Conv2dParams.of(1, 0, 1, 4), false),  // grouped pointwise
                new Case(3, 40, 5, 6, 4, 1, 1, Conv2dParams.of(1, 0), false),        // pointwise, dW = G·xᵀ
                new Case(2, 5, 9, 9, 7, 1, 1, Conv2dParams.of(2, 0), true),          // 1×1 with stride: im2col
                new Case(2, 3, 5, 5, 2, 5, 5, Conv2dParams.of(1, 2), true),
                new Case(1, 2, 3, 3, 3, 3, 3, Conv2dParams.of(1, 3), false),         // mostly padding
                new Case(4, 16, 16, 16, 32, 3, 3, Conv2dParams.of(1, 1), true),      // K = 144, many tiles
                new Case(2, 64, 9, 9, 40, 3, 3, Conv2dParams.of(1, 1), false),       // K = 576 spans k blocks
                new Case(1, 4, 40, 45, 8, 3, 3, Conv2dParams.of(1, 1), true),        // one image: parallel GEMM
                new Case(9, 2, 5, 6, 4, 3, 3, Conv2dParams.of(1, 1, 1, 2), true),     // more images than chunks
                // small planes, ≥ 128 channels: one GEMM over a batch of images (9 + 2 images here)
                new Case(11, 130, 5, 6, 128, 3, 3, Conv2dParams.of(1, 1), true),
                new Case(6, 128, 7, 7, 136, 3, 3, Conv2dParams.of(2, 1), false),     // stride 2: 4×4 outputs
                new Case(3, 128, 4, 4, 8, 3, 3, Conv2dParams.of(1, 1), false)        // only ∂x batched
        );
    }

    private static Tensor[] make(Case c, sabre.tensor.Device device, boolean stridedInput) {
        Tensor x = stridedInput
                ? Fixtures.randn(device, 1, c.n(), c.c(), c.w(), c.h()).transpose(2, 3)
                : Fixtures.randn(device, 1, c.n(), c.c(), c.h(), c.w());
        Tensor w = Fixtures.randn(device, 2, c.o(), c.c() / c.p().groups(), c.kh(), c.kw());
        Tensor b = c.bias() ? Fixtures.randn(device, 3, c.o()) : null;
        int[] out = Functional.conv2dOutputShape("conv2d", x.shape(), w.shape(), c.p());
        Tensor g = Fixtures.randn(device, 4, out);
        return new Tensor[] {x, w, b, g};
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void forwardAndGradientsMatchTheReference(Case c) {
        for (boolean strided : new boolean[] {false, true}) {
            Tensor[] cpu = make(c, Fixtures.CPU, strided);
            Tensor[] ref = make(c, Fixtures.REF, strided);
            String what = c + (strided ? " strided" : "");
            Conv2dParams p = c.p();
            Tensor ax = ref[0].abs();
            Tensor aw = ref[1].abs();
            Tensor ag = ref[3].abs();
            int og = c.o() / p.groups();
            int[] out = ref[3].shape();
            Fixtures.assertWithinSumBound(what + " conv2d", Functional.conv2d(ref[0], ref[1], ref[2], p),
                    Functional.conv2d(cpu[0], cpu[1], cpu[2], p), Functional.conv2d(ax, aw,
                            ref[2] == null ? null : ref[2].abs(), p), c.c() / p.groups() * c.kh() * c.kw() + 1);
            Fixtures.assertWithinSumBound(what + " input grad",
                    Functional.conv2dInputGrad(ref[3], ref[1], ref[0].shape(), p),
                    Functional.conv2dInputGrad(cpu[3], cpu[1], cpu[0].shape(), p),
                    Functional.conv2dInputGrad(ag, aw, ref[0].shape(), p), og * c.kh() * c.kw());
            Fixtures.assertWithinSumBound(what + " weight grad",
                    Functional.conv2dWeightGrad(ref[3], ref[0], ref[1].shape(), p),
                    Functional.conv2dWeightGrad(cpu[3], cpu[0], cpu[1].shape(), p),
                    Functional.conv2dWeightGrad(ag, ax, ref[1].shape(), p), out[0] * out[2] * out[3]);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void float64FallsBackToTheReferenceExactly(Case c) {
        Tensor x = Fixtures.randn(Fixtures.CPU, DType.FLOAT64, 1, c.n(), c.c(), c.h(), c.w());
        Tensor w = Fixtures.randn(Fixtures.CPU, DType.FLOAT64, 2, c.o(), c.c() / c.p().groups(), c.kh(), c.kw());
        Tensor rx = Fixtures.randn(Fixtures.REF, DType.FLOAT64, 1, c.n(), c.c(), c.h(), c.w());
        Tensor rw = Fixtures.randn(Fixtures.REF, DType.FLOAT64, 2, c.o(), c.c() / c.p().groups(), c.kh(), c.kw());
        Fixtures.assertClose(c + " float64", Functional.conv2d(rx, rw, null, c.p()),
                Functional.conv2d(x, w, null, c.p()), 0);
    }
}
