package sabre.nn.models;

import sabre.autograd.Var;
import sabre.nn.Init;
import sabre.nn.Module;
import sabre.nn.layers.BatchNorm;
import sabre.nn.layers.Conv2d;
import sabre.nn.layers.Linear;
import sabre.nn.layers.MaxPool2d;
import sabre.tensor.Generator;
import sabre.tensor.Pool2dParams;

import java.util.ArrayList;
import java.util.List;

/**
 * The ImageNet-style ResNets of torchvision ({@code torchvision/models/resnet.py}, parameter names kept so its
 * {@code state_dict}s load unchanged): {@code conv1} 7×7 stride 2 → {@code bn1} → ReLU → 3×3 max-pool stride 2 →
 * {@code layer1 … layer4} (64/128/256/512 planes, strides 1/2/2/2) → global average pool → {@code fc}; shortcuts
 * are {@code downsample} (1×1 conv + BN) where the shape changes. {@code resnet18-imagenet}: basic blocks
 * [2, 2, 2, 2]; {@code resnet50-imagenet}: bottlenecks [3, 4, 6, 3]; {@code wide_resnet50_2}: the same with inner
 * width 2·planes (width_per_group 128). Used at 64×64 for Tiny-ImageNet (thesis Table 4-3), where the stem leaves
 * a 16×16 map. Convolutions start from torchvision's kaiming-normal (fan-out) initialisation.
 *
 * <pre>{@code Module net = ImageNetResNet.resnet18(new ModelConfig(3, 64, 200), new Generator(0));}</pre>
 */
public final class ImageNetResNet extends ResidualClassifier {
    private static final int[] PLANES = {64, 128, 256, 512};

    private final Conv2d conv1;
    private final BatchNorm bn1;
    private final MaxPool2d maxpool;
    private final List<Module> layers = new ArrayList<>();
    private final Linear fc;

    /**
     * @param bottleneck bottleneck blocks (expansion 4) instead of basic ones
     * @param widthFactor the bottleneck's inner width per plane (1; 2 for Wide ResNet-50-2)
     */
    public ImageNetResNet(String name, ModelConfig config, boolean bottleneck, int[] blocks, int widthFactor,
                          Generator g) {
        super(name, config);
        Stage.totalBlocks(name, 4, blocks);
        conv1 = registerModule("conv1", new Conv2d(config.inChannels(), 64, 7, 2, 3, false, g));
        bn1 = registerModule("bn1", BatchNorm.of2d(64));
        maxpool = registerModule("maxpool", new MaxPool2d(Pool2dParams.of(3, 2, 1)));
        int expansion = bottleneck ? Bottleneck.EXPANSION : 1;
        int in = 64;
        for (int i = 0; i < 4; i++) {
            int p = PLANES[i];
            layers.add(registerModule("layer" + (i + 1), Stage.of(blocks[i], in, expansion * p, i == 0 ? 1 : 2,
                    (cin, stride) -> bottleneck
                            ? new Bottleneck(cin, p, p * widthFactor, stride, "downsample", g)
                            : new BasicBlock(cin, p, stride, "downsample", Shortcuts.projection(cin, p, stride, g),
                            g))));
            in = expansion * p;
        }
        fc = registerModule("fc", new Linear(in, config.classes(), true, g));
        WeightInit.kaimingNormal(this, Init.FanMode.FAN_OUT, false, g);
    }

    /** torchvision's {@code resnet18}. */
    public static ImageNetResNet resnet18(ModelConfig config, Generator g) {
        return new ImageNetResNet("ResNet-18 (ImageNet)", config, false, new int[] {2, 2, 2, 2}, 1, g);
    }

    /** torchvision's {@code resnet50}. */
    public static ImageNetResNet resnet50(ModelConfig config, Generator g) {
        return new ImageNetResNet("ResNet-50 (ImageNet)", config, true, new int[] {3, 4, 6, 3}, 1, g);
    }

    /** torchvision's {@code wide_resnet50_2}. */
    public static ImageNetResNet wideResnet50x2(ModelConfig config, Generator g) {
        return new ImageNetResNet("Wide ResNet-50-2", config, true, new int[] {3, 4, 6, 3}, 2, g);
    }

    @Override
    Var trunk(Var x) {
        return chain(maxpool.forward(bn1.forwardRelu(conv1.forward(x))), layers);
    }

    @Override
    Linear head() {
        return fc;
    }
}
