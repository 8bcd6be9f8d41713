package sabre.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sabre.nn.TensorAssert.assertPasses;
import static sabre.nn.TensorAssert.assertRejects;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import sabre.autograd.GradCheck;
import sabre.autograd.Var;
import sabre.nn.models.FcEncoder;
import sabre.nn.models.UNetEncoder;
import sabre.tensor.DType;
import sabre.tensor.Generator;
import sabre.tensor.Tensor;

/**
 * The mask encoders map [N, C, H, W] to the same shape and are differentiable end to end: their gradients with
 * respect to the input and every parameter are checked in FLOAT64 against central differences along a random
 * direction (h = 1e-6: no ReLU or max-pool kink is crossed at this seed, so a correct backward agrees to ~1e-9).
 */
class EncoderTest {
    @Test
    void fcEncoderPreservesShapeAndNamesItsLayers() {
        FcEncoder enc = new FcEncoder(3, 4, 5, 16, new Generator(1));
        Var x = Var.of(Tensor.randn(new Generator(2), DType.FLOAT32, 2, 3, 4, 5));
        assertArrayEquals(new int[] {2, 3, 4, 5}, enc.forward(x).shape());
        Map<String, Tensor> s = enc.stateDict();
        assertEquals(List.of("fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"), List.copyOf(s.keySet()));
        assertArrayEquals(new int[] {16, 60}, s.get("fc1.weight").shape());
        assertArrayEquals(new int[] {60, 16}, s.get("fc2.weight").shape());
    }

    /** The module in FLOAT64 along one random direction of its input and all parameters (h = 1e-6). */
    private static GradCheck.Result check(Module m, Tensor x) {
        return GradCheck.randomDirection(ModuleFunction.of(m), ModuleFunction.inputs(m, x), 1e-6, 5);
    }

    @Test
    void fcEncoderGradientsMatchFiniteDifferences() {
        FcEncoder enc = new FcEncoder(2, 3, 3, 5, new Generator(3));
        Tensor x = Tensor.randn(new Generator(4), DType.FLOAT32, 2, 2, 3, 3);
        assertPasses(check(enc, x), 1, 1e-8, 1e-6);
        // control: the same check fails when the parameters' gradient path is cut
        Module cut = new Module() {
            {
                registerModule("enc", enc);
            }

            @Override
            public Var forward(Var v) {
                return enc.forward(v).detach().add(v.sub(v.detach()));
            }
        };
        GradCheck.Result bad = check(cut, x);
        assertTrue(!bad.passes(1e-8, 1e-6), bad.describe(1e-8, 1e-6));
    }

    @ParameterizedTest
    @EnumSource(UNetEncoder.UpMode.class)
    void unetPreservesShapeForMultiplesOfTwoToTheDepth(UNetEncoder.UpMode mode) {
        UNetEncoder enc = new UNetEncoder(3, 4, 2, mode, new Generator(6));
        for (int[] shape : new int[][] {{2, 3, 8, 8}, {1, 3, 16, 12}}) {
            Var x = Var.of(Tensor.randn(new Generator(7), DType.FLOAT32, shape));
            assertArrayEquals(shape, enc.forward(x).shape());
        }
    }

    @Test
    void unetRejectsSizesNotDivisibleByTwoToTheDepth() {
        UNetEncoder enc = new UNetEncoder(1, 4, 3, new Generator(0));
        assertRejects("UNetEncoder: input [1, 1, 16, 12]: height and width must be positive multiples of 2^depth = 8",
                () -> enc.forward(Var.of(Tensor.zeros(1, 1, 16, 12))));
        assertRejects("UNetEncoder: expected input [N, 1, H, W], found [1, 2, 16, 16]",
                () -> enc.forward(Var.of(Tensor.zeros(1, 2, 16, 16))));
        assertRejects("UNetEncoder: channels, base width and depth must be positive",
                () -> new UNetEncoder(1, 4, 0, new Generator(0)));
    }

    @Test
    void unetStateDictHasTheUNetStructure() {
        Map<String, Tensor> t = new UNetEncoder(3, 4, 2, new Generator(0)).stateDict();
        assertArrayEquals(new int[] {4, 3, 3, 3}, t.get("inc.0.weight").shape());
        assertArrayEquals(new int[] {8, 4, 3, 3}, t.get("down1.1.0.weight").shape());
        assertArrayEquals(new int[] {16, 8, 3, 3}, t.get("down2.1.0.weight").shape());
        assertArrayEquals(new int[] {16, 16, 3, 3}, t.get("down2.1.3.weight").shape());
        // up1 leaves the bottom (16 channels) to width 8, dec1 merges skip 8 + up 8
        assertArrayEquals(new int[] {16, 8, 2, 2}, t.get("up1.weight").shape());
        assertArrayEquals(new int[] {8, 16, 3, 3}, t.get("dec1.0.weight").shape());
        assertArrayEquals(new int[] {8, 4, 2, 2}, t.get("up2.weight").shape());
        assertArrayEquals(new int[] {4, 8, 3, 3}, t.get("dec2.0.weight").shape());
        assertArrayEquals(new int[] {3, 4, 1, 1}, t.get("outc.weight").shape());
        assertArrayEquals(new int[] {3}, t.get("outc.bias").shape());
        // bilinear keeps the width: dec1 merges skip 8 + up 16
        Map<String, Tensor> b = new UNetEncoder(3, 4, 2, UNetEncoder.UpMode.BILINEAR, new Generator(0)).stateDict();
        assertArrayEquals(new int[] {8, 24, 3, 3}, b.get("dec1.0.weight").shape());
        assertTrue(b.keySet().stream().noneMatch(k -> k.startsWith("up")), "bilinear upsampling has no parameters");
    }

    @ParameterizedTest
    @EnumSource(UNetEncoder.UpMode.class)
    void unetGradientsMatchFiniteDifferences(UNetEncoder.UpMode mode) {
        UNetEncoder enc = new UNetEncoder(2, 3, 2, mode, new Generator(8));
        assertPasses(check(enc, Tensor.randn(new Generator(9), DType.FLOAT32, 2, 2, 8, 8)), 1, 1e-8, 1e-6);
    }

    @ParameterizedTest
    @EnumSource(UNetEncoder.UpMode.class)
    void unetIsDifferentiableEndToEndInFloat32(UNetEncoder.UpMode mode) {
        UNetEncoder enc = new UNetEncoder(1, 4, 2, mode, new Generator(11));
        Var x = Var.param(Tensor.randn(new Generator(12), DType.FLOAT32, 2, 1, 8, 8));
        Tensor c = Tensor.randn(new Generator(13), DType.FLOAT32, 2, 1, 8, 8);
        Var loss = enc.forward(x).mul(Var.of(c)).sum();
        loss.backward();
        assertArrayEquals(x.shape(), x.grad().shape());
        assertTrue(x.grad().abs().sum().item() > 0, "zero input gradient");
        enc.namedParameters().forEach((k, p) -> assertTrue(p.grad() != null && p.grad().abs().sum().item() > 0,
                k + " has no gradient"));
    }
}
