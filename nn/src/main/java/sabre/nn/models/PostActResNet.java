package sabre.nn.models;

import sabre.autograd.Var;
import sabre.nn.Module;
import sabre.nn.layers.BatchNorm;
import sabre.nn.layers.Conv2d;
import sabre.nn.layers.Linear;
import sabre.tensor.Generator;

import java.util.ArrayList;
import java.util.List;

/**
 * The skeleton shared by the post-activation CIFAR ResNets ({@link CifarResNet}, {@link ResNetCifar}):
 * {@code conv1} (3×3, stride 1, no bias) → {@code bn1} → ReLU → {@code layer1 … layerK} (the first at stride 1,
 * the others halving the resolution) → global average pool → {@code linear}. No max-pool stem.
 *
 * <pre>{@code PostActResNet net = new CifarResNet(18, ModelConfig.CIFAR10, gen); Var logits = net.forward(x);}</pre>
 */
public abstract class PostActResNet extends ResidualClassifier {
    private final Conv2d conv1;
    private final BatchNorm bn1;
    private final List<Module> layers = new ArrayList<>();
    private final Linear linear;

    /** Makes one block of a stage from its input channels, the stage's planes and its stride. */
    @FunctionalInterface
    interface StageBlock {
        Module create(int in, int planes, int stride);
    }

    /** Stages of {@code blocks[i]} blocks of {@code planes[i]} planes, each block's output {@code expansion·planes}. */
    PostActResNet(String name, ModelConfig config, int stem, int[] planes, int[] blocks, int expansion,
                  StageBlock block, Generator g) {
        super(name, config);
        conv1 = registerModule("conv1", new Conv2d(config.inChannels(), stem, 3, 1, 1, false, g));
        bn1 = registerModule("bn1", BatchNorm.of2d(stem));
        int in = stem;
        for (int i = 0; i < planes.length; i++) {
            int p = planes[i];
            layers.add(registerModule("layer" + (i + 1), Stage.of(blocks[i], in, expansion * p, i == 0 ? 1 : 2,
                    (cin, stride) -> block.create(cin, p, stride))));
            in = expansion * p;
        }
        linear = registerModule("linear", new Linear(in, config.classes(), true, g));
    }

    @Override
    Var trunk(Var x) {
        return chain(bn1.forwardRelu(conv1.forward(x)), layers);
    }

    @Override
    Linear head() {
        return linear;
    }
}
