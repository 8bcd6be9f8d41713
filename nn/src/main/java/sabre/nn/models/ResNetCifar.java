package sabre.nn.models;

import sabre.nn.Init;
import sabre.tensor.Generator;

/**
 * He et al. 2016's CIFAR ResNet-(6n+2) (ResNet-20/32/44/56/110) in the layout of akamaster/pytorch_resnet_cifar10
 * ({@code resnet.py}), so its checkpoints load unchanged: 16-channel 3×3 stem, three stages of n
 * {@link BasicBlock}s with 16/32/64 channels and the parameter-free {@link Shortcuts#optionA option-A} shortcut,
 * {@code linear} 64 → classes; Conv2d and Linear weights drawn by {@code kaiming_normal_} (fan-in), as the
 * reference's {@code _weights_init} does. Keys: {@code conv1.weight, bn1.*, layer1.0.conv1.weight, …, linear.bias}
 * (no shortcut keys).
 *
 * <pre>{@code ResNetCifar net = new ResNetCifar(20, ModelConfig.CIFAR10, new Generator(0)); // 269,722 params}</pre>
 */
public final class ResNetCifar extends PostActResNet {
    private static final int[] PLANES = {16, 32, 64};

    /** ResNet-{@code depth}, {@code depth} = 6n + 2 with n ≥ 1 blocks per stage. */
    public ResNetCifar(int depth, ModelConfig config, Generator g) {
        super("ResNet-" + depth, config, 16, PLANES, blocksFor(depth), 1,
                (in, planes, stride) -> new BasicBlock(in, planes, stride, Shortcuts.optionA(in, planes, stride), g),
                g);
        WeightInit.kaimingNormal(this, Init.FanMode.FAN_IN, true, g);
    }

    private static int[] blocksFor(int depth) {
        int n = Stage.perStage("ResNetCifar", depth, 2);
        return new int[] {n, n, n};
    }
}
