package sabre.nn.models;

import sabre.autograd.Var;
import sabre.nn.Module;
import sabre.nn.layers.Conv2d;
import sabre.nn.layers.Linear;
import sabre.tensor.Generator;

import java.util.ArrayList;
import java.util.List;

/**
 * Pre-activation ResNet in the layout of kuangliu/pytorch-cifar ({@code models/preact_resnet.py}), so its
 * checkpoints load unchanged: {@code conv1} (3×3, 64, no bias) → {@code layer1 … layer4} of {@link PreActBlock}s
 * (64/128/256/512 channels) → global average pool → {@code linear}. As in that reference there is no batch norm or
 * ReLU after the last block (some other ports add a final {@code bn}; their checkpoints have extra keys).
 * Keys: {@code conv1.weight, layer1.0.bn1.weight, …, layer2.0.shortcut.0.weight, …, linear.bias}.
 *
 * <pre>{@code PreActResNet net = PreActResNet.preAct18(ModelConfig.CIFAR10, gen); // 11,171,146 params}</pre>
 */
public final class PreActResNet extends ResidualClassifier {
    private static final int[] PLANES = {64, 128, 256, 512};

    private final Conv2d conv1;
    private final List<Module> layers = new ArrayList<>();
    private final Linear linear;

    /** Four stages of {@code blocks[i]} pre-activation blocks. */
    public PreActResNet(ModelConfig config, int[] blocks, Generator g) {
        super(label(blocks), config);
        conv1 = registerModule("conv1", new Conv2d(config.inChannels(), 64, 3, 1, 1, false, g));
        int in = 64;
        for (int i = 0; i < 4; i++) {
            int planes = PLANES[i];
            layers.add(registerModule("layer" + (i + 1), Stage.of(blocks[i], in, planes, i == 0 ? 1 : 2,
                    (cin, stride) -> new PreActBlock(cin, planes, stride, g))));
            in = planes;
        }
        linear = registerModule("linear", new Linear(in, config.classes(), true, g));
    }

    /** PreActResNet-18: two blocks per stage. */
    public static PreActResNet preAct18(ModelConfig config, Generator g) {
        return new PreActResNet(config, new int[] {2, 2, 2, 2}, g);
    }

    // depth = stem + two convolutions per block + linear
    private static String label(int[] blocks) {
        return "PreActResNet-" + (2 + 2 * Stage.totalBlocks("PreActResNet", 4, blocks));
    }

    /** The output of layer4, [N, 512, ⌈s/8⌉, ⌈s/8⌉]. */
    @Override
    Var trunk(Var x) {
        return chain(conv1.forward(x), layers);
    }

    @Override
    Linear head() {
        return linear;
    }
}
