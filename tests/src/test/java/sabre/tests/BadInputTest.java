package sabre.tests;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import sabre.autograd.F;
import sabre.autograd.Var;
import sabre.tensor.Conv2dParams;
import sabre.tensor.DType;
import sabre.tensor.Functional;
import sabre.tensor.Generator;
import sabre.tensor.Pool2dParams;
import sabre.tensor.Tensor;

/**
 * Bad input is refused with an {@link IllegalArgumentException} whose message starts with the op's name and names the
 * offending shapes (or, for data-dependent index errors, the index and its valid range).
 */
class BadInputTest {

    /** Asserts {@code call} throws IllegalArgumentException whose message starts with {@code op} and contains all of {@code parts}. */
    private static IllegalArgumentException refuses(String op, Executable call, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        String m = e.getMessage();
        assertTrue(m != null && m.startsWith(op + ":"), "message should start with '" + op + ":' but was: " + m);
        for (String p : parts) {
            assertTrue(m.contains(p), "message should contain '" + p + "' but was: " + m);
        }
        return e;
    }

    private static Tensor f32(int... shape) {
        return Tensor.zeros(DType.FLOAT32, shape);
    }

    private static Tensor f64(int... shape) {
        return Tensor.randn(new Generator(1), DType.FLOAT64, shape);
    }

    // ------------------------------------------------------------------ mismatched shapes

    @Test
    void addOfUnbroadcastableShapes() {
        refuses("add", () -> f32(2, 3).add(f32(4)), "[2, 3]", "[4]");
        refuses("mul", () -> f32(2, 3).mul(f32(3, 2)), "[2, 3]", "[3, 2]");
        refuses("gt", () -> f32(2, 3).gt(f32(2)), "[2, 3]", "[2]");
        // the autograd layer refuses the same way
        refuses("add", () -> Var.param(f64(2, 3)).add(Var.param(f64(4))), "[2, 3]", "[4]");
    }

    @Test
    void matmulInnerDimensionMismatch() {
        refuses("matmul", () -> f32(2, 3).matmul(f32(4, 5)), "[2, 3]", "[4, 5]");
        refuses("matmul", () -> f32(3).matmul(f32(4)), "[3]", "[4]");
        refuses("matmul", () -> f32(2, 2, 3).matmul(f32(3, 3, 1)), "[2, 2, 3]", "[3, 3, 1]"); // batch 2 vs 3
        refuses("matmul", () -> Var.param(f64(2, 3)).matmul(Var.param(f64(4, 5))), "[2, 3]", "[4, 5]");
    }

    @Test
    void conv2dChannelMismatch() {
        Tensor x = f32(1, 3, 5, 5);
        Tensor w = f32(4, 2, 3, 3);
        refuses("conv2d", () -> Functional.conv2d(x, w, null, Conv2dParams.of(1, 1)), "[1, 3, 5, 5]",
                "[4, 2, 3, 3]");
        refuses("conv2d", () -> F.conv2d(Var.param(f64(1, 3, 5, 5)), Var.param(f64(4, 2, 3, 3)), null,
                Conv2dParams.of(1, 1)), "[1, 3, 5, 5]", "[4, 2, 3, 3]");
        refuses("conv2d", () -> Functional.conv2d(f32(3, 5, 5), f32(4, 3, 3, 3), null, Conv2dParams.of(1, 1)),
                "[3, 5, 5]");
        refuses("conv2d", () -> Functional.conv2d(x, f32(4, 3, 3, 3), f32(5), Conv2dParams.of(1, 1)), "[5]");
    }

    @Test
    void catShapeMismatch() {
        refuses("cat", () -> Tensor.cat(List.of(f32(2, 3), f32(2, 4)), 0), "[2, 3]", "[2, 4]");
        refuses("cat", () -> Tensor.cat(List.of(f32(2, 3), f32(2, 3, 1)), 1), "[2, 3]", "[2, 3, 1]");
        refuses("stack", () -> Tensor.stack(List.of(f32(2, 3), f32(3, 2)), 0), "[2, 3]", "[3, 2]");
    }

    @Test
    void crossEntropyTargetShape() {
        Tensor logits = f32(2, 5);
        refuses("cross_entropy", () -> Functional.crossEntropy(logits, Tensor.ofInts(new int[] {0, 1, 2}, 3), 0),
                "[3]", "[2, 5]");
        refuses("cross_entropy", () -> Functional.crossEntropy(logits, Tensor.ofInts(new int[] {0, 1}, 2, 1), 0),
                "[2, 1]", "[2, 5]");
        refuses("cross_entropy", () -> Functional.crossEntropy(f32(2, 5, 1), Tensor.ofInts(new int[] {0, 1}, 2), 0),
                "[2, 5, 1]");
        refuses("cross_entropy", () -> F.crossEntropy(Var.param(f64(2, 5)), Tensor.ofInts(new int[] {0, 1, 2}, 3),
                0.1, F.Reduction.MEAN), "[3]", "[2, 5]");
    }

    // ------------------------------------------------------------------ wrong dtypes

    @Test
    void wrongDtypes() {
        Tensor mask = Tensor.ofBools(new boolean[] {true, false, true, true}, 2, 2);
        refuses("exp", mask::exp, "BOOL", "[2, 2]");
        refuses("gather", () -> f32(2, 3).gather(1, Tensor.zeros(DType.FLOAT32, 2, 1)), "FLOAT32", "[2, 1]");
        refuses("index_select", () -> f32(2, 3).indexSelect(1, Tensor.zeros(DType.FLOAT64, 2)), "FLOAT64", "[2]");
        Tensor xi = Tensor.zeros(DType.INT32, 1, 3, 5, 5);
        refuses("conv2d", () -> Functional.conv2d(xi, Tensor.zeros(DType.INT32, 4, 3, 3, 3), null,
                Conv2dParams.of(1, 1)), "INT32", "[1, 3, 5, 5]");
        refuses("conv2d", () -> Functional.conv2d(f32(1, 3, 5, 5), Tensor.zeros(DType.FLOAT64, 4, 3, 3, 3), null,
                Conv2dParams.of(1, 1)), "FLOAT32", "FLOAT64");
        refuses("cross_entropy", () -> Functional.crossEntropy(f32(2, 5), Tensor.of(new float[] {0, 1}, 2), 0),
                "FLOAT32", "[2]");
        refuses("param", () -> Var.param(Tensor.zeros(DType.INT32, 2, 3)), "INT32", "[2, 3]");
    }

    // ------------------------------------------------------------------ out-of-range indices

    @Test
    void indicesOutOfRange() {
        Tensor x = f32(2, 3);
        refuses("gather", () -> x.gather(1, Tensor.ofInts(new int[] {0, 3}, 2, 1)), "index 3", "[0, 3)");
        refuses("gather", () -> x.gather(1, Tensor.ofInts(new int[] {0, -1}, 2, 1)), "index -1", "[0, 3)");
        refuses("index_select", () -> x.indexSelect(0, Tensor.ofInts(new int[] {1, 2}, 2)), "index 2", "[0, 2)");
        refuses("index_select", () -> x.indexSelect(1, Tensor.ofInts(new int[] {-1}, 1)), "index -1", "[0, 3)");
        refuses("scatter_add", () -> x.scatterAdd(1, Tensor.ofInts(new int[] {0, 3}, 1, 2), f32(1, 2)), "index 3",
                "[0, 3)");
        refuses("scatter_add", () -> x.scatterAdd(0, Tensor.ofInts(new int[] {-2}, 1, 1), f32(1, 1)), "index -2",
                "[0, 2)");
        refuses("one_hot", () -> Tensor.oneHot(Tensor.ofInts(new int[] {0, 4}, 2), 4, DType.FLOAT32), "index 4",
                "[0, 4)");
        refuses("one_hot", () -> Tensor.oneHot(Tensor.ofInts(new int[] {-1}, 1), 4, DType.FLOAT32), "index -1",
                "[0, 4)");
        Tensor logits = f32(2, 5);
        refuses("cross_entropy", () -> Functional.crossEntropy(logits, Tensor.ofInts(new int[] {1, 5}, 2), 0),
                "index 5", "[0, 5)");
        refuses("cross_entropy", () -> Functional.crossEntropy(logits, Tensor.ofInts(new int[] {-1, 0}, 2), 0.1),
                "index -1", "[0, 5)");
        refuses("cross_entropy", () -> F.crossEntropy(Var.param(f64(2, 5)), Tensor.ofInts(new int[] {0, 5}, 2), 0,
                F.Reduction.SUM), "index 5", "[0, 5)");
        // an index tensor larger than the input outside the gathered axis is a shape error
        refuses("gather", () -> x.gather(1, Tensor.ofInts(new int[] {0, 0, 0}, 3, 1)), "[3, 1]", "[2, 3]");
    }

    // ------------------------------------------------------------------ negative and inconsistent sizes

    @Test
    void negativeAndInconsistentSizes() {
        refuses("zeros", () -> Tensor.zeros(-1), "[-1]");
        refuses("zeros", () -> Tensor.zeros(DType.FLOAT64, 2, -3), "[2, -3]");
        refuses("ones", () -> Tensor.ones(3, -1), "[3, -1]");
        refuses("normal", () -> Tensor.randn(new Generator(0), DType.FLOAT32, -2), "[-2]"); // randn is normal(0, 1)
        Tensor x = f32(2, 3);
        refuses("reshape", () -> x.reshape(-2, -3), "[-2, -3]");
        refuses("reshape", () -> x.reshape(4, 2), "[4, 2]", "[2, 3]");
        refuses("reshape", () -> x.reshape(-1, -1), "[-1, -1]");
        refuses("reshape", () -> x.reshape(-1, 4), "[-1, 4]");
        refuses("narrow", () -> x.narrow(1, 2, 2), "[2, 4)", "[2, 3]");
        refuses("narrow", () -> x.narrow(0, -1, 1), "[2, 3]");
        refuses("narrow", () -> x.narrow(1, 0, -1), "[2, 3]");
        refuses("expand", () -> x.expand(4, 3), "[2, 3]", "[4, 3]");
        refuses("expand", () -> x.expand(3), "[2, 3]", "[3]");
        refuses("expand", () -> f32(1, 3).expand(-2, 3), "[-2, 3]");
        refuses("permute", () -> x.permute(0, 0), "[0, 0]");
        refuses("squeeze", () -> x.squeeze(1), "[2, 3]");
    }

    @Test
    void absurdSizesFailFastWithoutAllocating() {
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            refuses("zeros", () -> Tensor.zeros(100000, 100000, 100000), "[100000, 100000, 100000]");
            refuses("ones", () -> Tensor.ones(DType.FLOAT64, 65536, 65536), "[65536, 65536]");
            refuses("normal", () -> Tensor.randn(new Generator(0), DType.FLOAT32, 100000, 100000),
                    "[100000, 100000]");
            refuses("expand", () -> f32(1, 1).expand(100000, 100000), "[100000, 100000]");
            // sizes whose product overflows int (2^16 · 2^16 = 2^32 ≡ 0) and long must not wrap around
            refuses("zeros", () -> Tensor.zeros(65536, 65536, 0 + 1), "[65536, 65536, 1]");
            refuses("zeros", () -> Tensor.zeros(1 << 30, 1 << 30, 1 << 30, 1 << 30, 1 << 30),
                    "[1073741824, 1073741824, 1073741824, 1073741824, 1073741824]");
        });
    }

    // ------------------------------------------------------------------ layout, pooling, batch norm

    @Test
    void viewOnNonContiguous() {
        Tensor xt = f32(2, 3).transpose(0, 1);
        refuses("view", () -> xt.view(6), "[3, 2]");
        refuses("view", () -> f32(4, 5).narrow(1, 1, 3).view(12), "[4, 3]");
        // reshape copies instead, and view of a contiguous tensor works
        assertTrue(xt.reshape(6).isContiguous());
        assertTrue(f32(2, 3).view(3, 2).isContiguous());
    }

    @Test
    void poolWindowLargerThanInput() {
        Tensor x = f32(1, 1, 2, 2);
        refuses("max_pool2d", () -> Functional.maxPool2d(x, Pool2dParams.of(3, 1, 0)), "[1, 1, 2, 2]", "3x3");
        refuses("avg_pool2d", () -> Functional.avgPool2d(x, Pool2dParams.of(3, 1, 0), true), "[1, 1, 2, 2]", "3x3");
        refuses("max_pool2d", () -> F.maxPool2d(Var.param(f64(1, 1, 2, 2)), Pool2dParams.of(3, 1, 0)),
                "[1, 1, 2, 2]");
        refuses("max_pool2d", () -> Functional.maxPool2d(f32(2, 2), Pool2dParams.of(1, 1, 0)), "[2, 2]");
        refuses("conv2d", () -> Functional.conv2d(f32(1, 1, 2, 2), f32(1, 1, 3, 3), null, Conv2dParams.of(1, 0)),
                "[1, 1, 2, 2]", "[1, 1, 3, 3]");
    }

    @Test
    void batchNormTrainingWithOneValuePerChannel() {
        refuses("batch_norm", () -> Functional.batchNorm(f32(1, 3), null, null, null, null, true, 1e-5), "[1, 3]");
        refuses("batch_norm", () -> Functional.batchNorm(f32(1, 3, 1, 1), null, null, null, null, true, 1e-5),
                "[1, 3, 1, 1]");
        refuses("batch_norm", () -> F.batchNorm(Var.param(f64(1, 4, 1, 1)), null, null, null, null, true, 1e-5),
                "[1, 4, 1, 1]");
        // per-channel tensors of the wrong size name both shapes
        refuses("batch_norm", () -> Functional.batchNorm(f32(2, 3, 2, 2), f32(4), null, null, null, true, 1e-5),
                "[4]", "[2, 3, 2, 2]");
        // eval mode with one value per channel is fine: running statistics are used
        Functional.batchNorm(f32(1, 3), null, null, f32(3), Tensor.ones(3), false, 1e-5);
    }
}
