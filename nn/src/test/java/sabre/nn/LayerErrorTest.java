package sabre.nn;

import static sabre.nn.TensorAssert.assertRejects;

import org.junit.jupiter.api.Test;

import sabre.autograd.Var;
import sabre.nn.layers.AdaptiveAvgPool2d;
import sabre.nn.layers.AvgPool2d;
import sabre.nn.layers.ConvTranspose2d;
import sabre.nn.layers.Dropout;
import sabre.nn.layers.LeakyReLU;
import sabre.nn.layers.MaxPool2d;
import sabre.nn.layers.Upsample;
import sabre.nn.models.FcEncoder;
import sabre.tensor.Conv2dParams;
import sabre.tensor.Generator;
import sabre.tensor.Pool2dParams;
import sabre.tensor.Tensor;

/** Bad configurations and inputs raise IllegalArgumentException naming the layer (or op) and the shapes. */
class LayerErrorTest {
    private static final Generator G = new Generator(0);

    private static Var zeros(int... shape) {
        return Var.of(Tensor.zeros(shape));
    }

    @Test
    void convTranspose2d() {
        assertRejects("ConvTranspose2d: channels 3 -> 4 not divisible by groups 2",
                () -> new ConvTranspose2d(3, 4, 3, Conv2dParams.of(1, 0, 1, 2), 0, true, G));
        assertRejects("ConvTranspose2d: output padding 2 must be non-negative and smaller than stride (2, 2)",
                () -> new ConvTranspose2d(2, 2, 3, Conv2dParams.of(2, 0), 2, true, G));
        assertRejects("ConvTranspose2d: channels and kernel size must be positive",
                () -> new ConvTranspose2d(2, 2, 0, 1, 0, true, G));
        ConvTranspose2d layer = new ConvTranspose2d(4, 2, 3, 1, 0, true, G);
        assertRejects("conv_transpose2d: input [1, 5, 4, 4] has 5 channels but weight [4, 2, 3, 3] expects 4",
                () -> layer.forward(zeros(1, 5, 4, 4)));
    }

    @Test
    void activationsAndPools() {
        assertRejects("LeakyReLU: negative slope must be finite", () -> new LeakyReLU(Double.NaN));
        assertRejects("max_pool2d: expected an NCHW input of rank 4, found shape [3, 4, 4]",
                () -> new MaxPool2d(2).forward(zeros(3, 4, 4)));
        assertRejects("max_pool2d: input [1, 1, 1, 5] is smaller than the 2x2 window",
                () -> new MaxPool2d(2).forward(zeros(1, 1, 1, 5)));
        assertRejects("AvgPool2d: dilation (2, 2) is not supported",
                () -> new AvgPool2d(new Pool2dParams(2, 2, 1, 1, 0, 0, 2, 2, false), true));
        assertRejects("AdaptiveAvgPool2d: output size must be positive", () -> new AdaptiveAvgPool2d(0, 3));
        assertRejects("adaptive_avg_pool2d: expected an NCHW input of rank 4, found shape [2, 3]",
                () -> new AdaptiveAvgPool2d(1).forward(zeros(2, 3)));
    }

    @Test
    void dropout() {
        assertRejects("Dropout: probability 1.0 outside [0, 1)", () -> new Dropout(1.0, G));
        assertRejects("Dropout: probability -0.1 outside [0, 1)", () -> new Dropout(-0.1, G));
        assertRejects("Dropout: a generator is required", () -> new Dropout(0.5, null));
    }

    @Test
    void upsample() {
        assertRejects("Upsample: align_corners only applies to bilinear mode",
                () -> Upsample.byScale(2, Upsample.Mode.NEAREST, true));
        assertRejects("Upsample: scale factor must be positive", () -> Upsample.byScale(0, Upsample.Mode.NEAREST, false));
        assertRejects("Upsample: output size must be positive",
                () -> Upsample.toSize(4, -1, Upsample.Mode.BILINEAR, false));
        assertRejects("Upsample: expected an NCHW input, found shape [2, 3, 4]",
                () -> Upsample.byScale(2, Upsample.Mode.NEAREST, false).forward(zeros(2, 3, 4)));
    }

    @Test
    void fcEncoder() {
        FcEncoder enc = new FcEncoder(1, 4, 4, 8, G);
        assertRejects("FcEncoder: expected input [N, 1, 4, 4], found [2, 1, 4, 5]", () -> enc.forward(zeros(2, 1, 4, 5)));
        assertRejects("FcEncoder: channels, height, width and hidden size must be positive",
                () -> new FcEncoder(1, 4, 4, 0, G));
    }
}
