package sabre.attacks.sparse;

import sabre.autograd.F;
import sabre.autograd.Var;
import sabre.tensor.Check;
import sabre.tensor.Conv2dParams;
import sabre.tensor.Generator;
import sabre.tensor.Pool2dParams;
import sabre.tensor.Tensor;

import java.util.List;

/**
 * The U-Net mask encoder for larger images, one network per image (all images' convolutions run as one grouped
 * convolution with a group per image): two 3×3 conv+ReLU at full resolution (the skip), 2×2 max-pool, two 3×3
 * conv+ReLU at half resolution with twice the width, nearest upsampling back to H×W, concatenation with the skip,
 * 3×3 conv+ReLU, and a 1×1 conv to M mask channels.
 *
 * <pre>{@code MaskEncoder e = new PerImageUNet(gens, like, 3, 16, 2.0); Var z = e.logits(delta);}</pre>
 */
public final class PerImageUNet implements MaskEncoder {
    private final Conv[] convs;
    private final List<Var> params;

    /** One image-indexed convolution: weight [N, out, in, k, k], bias [N, out]. */
    private record Conv(Var weight, Var bias, int pad) {
        Var apply(Var x) {
            int[] s = x.shape();
            int[] w = weight.shape();
            Var grouped = x.reshape(1, s[0] * s[1], s[2], s[3]);
            Var y = F.conv2d(grouped, weight.reshape(w[0] * w[1], w[2], w[3], w[4]), bias.reshape(w[0] * w[1]),
                    Conv2dParams.of(1, pad, 1, s[0]));
            return y.reshape(s[0], w[1], y.shape()[2], y.shape()[3]);
        }
    }

    /**
     * @param perImage one generator per image
     * @param like the perturbation's shape, device and dtype [N, C, H, W]
     * @param maskChannels M (C per element, 1 per pixel)
     * @param width channels of the first level (the second has twice as many)
     * @param initLogit the last layer's initial bias
     */
    public PerImageUNet(Generator[] perImage, Tensor like, int maskChannels, int width, double initLogit) {
        Check.positive("u-net encoder", "mask channels and width", maskChannels, width);
        int c = like.shape(1);
        PerImageParams p = new PerImageParams();
        convs = new Conv[] {
            conv(p, perImage, like, c, width, 3), conv(p, perImage, like, width, width, 3),
            conv(p, perImage, like, width, 2 * width, 3), conv(p, perImage, like, 2 * width, 2 * width, 3),
            conv(p, perImage, like, 3 * width, width, 3),
            new Conv(p.uniform(perImage, like.device(), like.dtype(), width, maskChannels, width, 1, 1),
                    p.constant(perImage.length, like.device(), like.dtype(), initLogit, maskChannels), 0)};
        params = p.all();
    }

    private static Conv conv(PerImageParams p, Generator[] g, Tensor like, int in, int out, int k) {
        int fanIn = in * k * k;
        return new Conv(p.uniform(g, like.device(), like.dtype(), fanIn, out, in, k, k),
                p.uniform(g, like.device(), like.dtype(), fanIn, out), k / 2);
    }

    @Override
    public Var logits(Var delta) {
        int h = delta.shape()[2];
        int w = delta.shape()[3];
        Var skip = convs[1].apply(convs[0].apply(delta).relu()).relu();
        Var low = F.maxPool2d(skip, Pool2dParams.of(2, 2, 0));
        low = convs[3].apply(convs[2].apply(low).relu()).relu();
        Var up = Var.cat(List.of(F.upsampleNearest(low, h, w), skip), 1);
        return convs[5].apply(convs[4].apply(up).relu());
    }

    @Override
    public List<Var> parameters() {
        return params;
    }
}
