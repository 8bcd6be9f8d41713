package sabre.kernels.cpu;

import org.junit.jupiter.api.Test;
import sabre.tensor.BatchNormResult;
import sabre.tensor.Conv2dParams;
import sabre.tensor.Functional;
import sabre.tensor.Tensor;

import java.util.function.Supplier;

/** Every parallel kernel gives the same bits with 1, 2 and 3 threads. */
class ThreadInvarianceTest {
    private static void same(String what, Supplier<Tensor> op) {
        Tensor one = Fixtures.withThreads(1, op);
        Tensor two = Fixtures.withThreads(2, op);
        Tensor three = Fixtures.withThreads(3, op);
        Fixtures.assertSameBits(what + " (1 vs 2 threads)", one, two);
        Fixtures.assertSameBits(what + " (1 vs 3 threads)", one, three);
    }

    @Test
    void matmul() {
        Tensor a = Fixtures.randn(Fixtures.CPU, 1, 200, 300);
        Tensor b = Fixtures.randn(Fixtures.CPU, 2, 300, 170);
        same("matmul", () -> a.matmul(b));
        same("matmul transposed", () -> b.mT().matmul(a.mT()));
        Tensor bat = Fixtures.randn(Fixtures.CPU, 3, 9, 20, 30);
        Tensor bbt = Fixtures.randn(Fixtures.CPU, 4, 9, 30, 25);
        same("batched matmul", () -> bat.matmul(bbt));
    }

    /**
     * Forward, ∂x and ∂w of a 3×3 pad-1 convolution of {@code n} images of {@code c × h × w} into {@code o} channels
     * give the same bits for any thread count.
     */
    private static void convolutions(String what, long seed, int n, int c, int h, int w, int o) {
        Conv2dParams p = Conv2dParams.of(1, 1);
        Tensor x = Fixtures.randn(Fixtures.CPU, seed, n, c, h, w);
        Tensor wt = Fixtures.randn(Fixtures.CPU, seed + 1, o, c, 3, 3);
        Tensor g = Fixtures.randn(Fixtures.CPU, seed + 2, n, o, h, w);
        same(what + " conv2d n=" + n, () -> Functional.conv2d(x, wt, null, p));
        same(what + " conv2d input grad n=" + n, () -> Functional.conv2dInputGrad(g, wt, x.shape(), p));
        same(what + " conv2d weight grad n=" + n, () -> Functional.conv2dWeightGrad(g, x, wt.shape(), p));
    }

    @Test
    void convolution() {
        for (int n : new int[] {1, 5, 20}) {
            convolutions("shift", 5, n, 16, 12, 12, 24);
        }
    }

    /** Small planes with ≥ 128 channels: batches of images in one GEMM, in parallel or with a parallel GEMM. */
    @Test
    void smallPlaneConvolution() {
        for (int n : new int[] {2, 9, 40}) {
            convolutions("small-plane", 8, n, 128, 4, 4, 128);
        }
    }

    /** Winograd F(2×2, 3×3) (64+ channels): blocks of tiles in parallel, ∂w chunks added in order. */
    @Test
    void winogradConvolution() {
        for (int n : new int[] {1, 6}) {
            convolutions("winograd", 14, n, 64, 17, 16, 72);
        }
    }

    @Test
    void reductionsNormAndElementwise() {
        Tensor x = Fixtures.randn(Fixtures.CPU, 8, 1 << 20).add(0.5);
        same("sum all", () -> x.sum());
        same("mean all", () -> x.mean());
        Tensor y = x.reshape(64, 16, 1024);
        same("sum over axes 0, 2", () -> y.sum(new int[] {0, 2}, false));
        same("sum over axis 0", () -> y.sum(new int[] {0}, false));
        same("amax last", () -> y.amax(new int[] {2}, false));
        Tensor img = y.reshape(64, 16, 32, 32);
        same("batch norm", () -> Functional.batchNorm(img, null, null, null, null, true, 1e-5).output());
        Tensor gr = Fixtures.randn(Fixtures.CPU, 9, 64, 16, 32, 32);
        BatchNormResult fwd = Functional.batchNorm(img, null, null, null, null, true, 1e-5);
        same("batch norm backward", () -> Functional.batchNormBackward(gr, img, null, fwd.mean(), fwd.invStd(), true)
                .input());
        same("exp", () -> x.exp());
        Tensor odd = Fixtures.randn(Fixtures.CPU, 11, (1 << 20) + 3);
        same("exp of an odd length", () -> odd.exp());
        same("sigmoid of an odd length", () -> odd.sigmoid());
        same("add broadcast", () -> img.add(Fixtures.randn(Fixtures.CPU, 10, 16, 1, 1)));
    }

    /** The first (possibly interpreted) call and a call after heavy warm-up give the same bits. */
    @Test
    void coldAndWarmCallsAgree() {
        Tensor x = Fixtures.randn(Fixtures.CPU, 12, 37, 5, 13, 11);
        Tensor w = Fixtures.randn(Fixtures.CPU, 13, 7, 5, 3, 3);
        Supplier<Tensor> conv = () -> Functional.conv2d(x, w, null, Conv2dParams.of(1, 1));
        Supplier<Tensor> sum = () -> x.sum(new int[] {1, 2, 3}, false);
        Supplier<Tensor> bn = () -> Functional.batchNorm(x, null, null, null, null, true, 1e-5).output();
        Supplier<Tensor> soft = () -> x.reshape(37, -1).logSoftmax(1);
        Tensor[] cold = {conv.get(), sum.get(), bn.get(), soft.get()};
        for (int i = 0; i < 300; i++) {
            conv.get();
            sum.get();
            bn.get();
            soft.get();
        }
        Fixtures.assertSameBits("conv2d", cold[0], conv.get());
        Fixtures.assertSameBits("sum", cold[1], sum.get());
        Fixtures.assertSameBits("batch norm", cold[2], bn.get());
        Fixtures.assertSameBits("log_softmax", cold[3], soft.get());
    }
}
