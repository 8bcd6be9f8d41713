package sabre.nn.models;

import sabre.tensor.Generator;

/**
 * ResNet-18/34/50/101 for small images in the layout of kuangliu/pytorch-cifar ({@code models/resnet.py}), so its
 * checkpoints load unchanged: 64-channel 3×3 stem, stages of 64/128/256/512 planes, {@link BasicBlock}s with
 * {@link Shortcuts#projection projection} shortcuts (18, 34) or {@link Bottleneck}s (50, 101), and
 * {@code linear} from 512·expansion features. Weights keep PyTorch's default initialisation, as the reference does.
 * Keys: {@code conv1.weight, bn1.*, layer1.0.conv1.weight, …, layer2.0.shortcut.0.weight, …, linear.bias}.
 *
 * <pre>{@code CifarResNet net = new CifarResNet(18, ModelConfig.CIFAR10, new Generator(0)); // 11,173,962 params}</pre>
 */
public final class CifarResNet extends PostActResNet {
    private static final int[] PLANES = {64, 128, 256, 512};

    /** ResNet-{@code depth} for {@code depth} ∈ {18, 34, 50, 101}. */
    public CifarResNet(int depth, ModelConfig config, Generator g) {
        this(config, depth >= 50, blocksFor(depth), g);
    }

    /** The general form: four stages of {@code blocks[i]} basic or bottleneck blocks. */
    public CifarResNet(ModelConfig config, boolean bottleneck, int[] blocks, Generator g) {
        super(label(bottleneck, blocks), config, 64, PLANES, blocks, bottleneck ? Bottleneck.EXPANSION : 1,
                bottleneck ? (in, planes, stride) -> new Bottleneck(in, planes, stride, g)
                        : (in, planes, stride) -> new BasicBlock(in, planes, stride,
                        Shortcuts.projection(in, planes, stride, g), g), g);
    }

    private static int[] blocksFor(int depth) {
        return switch (depth) {
            case 18 -> new int[] {2, 2, 2, 2};
            case 34, 50 -> new int[] {3, 4, 6, 3};
            case 101 -> new int[] {3, 4, 23, 3};
            default -> throw new IllegalArgumentException("CifarResNet: depth " + depth
                    + " is not one of 18, 34, 50, 101");
        };
    }

    // depth = stem + per-block convolutions (2 basic, 3 bottleneck) + linear
    private static String label(boolean bottleneck, int[] blocks) {
        return "ResNet-" + (2 + (bottleneck ? 3 : 2) * Stage.totalBlocks("CifarResNet", 4, blocks));
    }
}
