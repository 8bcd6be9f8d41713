package sabre.nn.models;

import sabre.autograd.Var;
import sabre.nn.Init;
import sabre.nn.Module;
import sabre.nn.Sequential;
import sabre.nn.layers.BatchNorm;
import sabre.nn.layers.Conv2d;
import sabre.nn.layers.Linear;
import sabre.nn.layers.ReLU;
import sabre.tensor.Check;
import sabre.tensor.Generator;

import java.util.ArrayList;
import java.util.List;

/**
 * Wide ResNet WRN-d-k (Zagoruyko and Komodakis 2016) in the layout of xternalz/WideResNet-pytorch
 * ({@code wideresnet.py}), so its checkpoints load unchanged: {@code conv1} (3×3, 16) → {@code block1 … block3},
 * each holding a {@code layer} Sequential of n = (d − 4)/6 {@link WideBlock}s of 16k/32k/64k channels →
 * {@code bn1} → {@code relu} → global average pool → {@code fc}; dropout between the two convolutions of each
 * block. Initialised as the reference: convolutions N(0, 2/(3·3·out)), batch norm 1/0, {@code fc} bias 0.
 * Keys: {@code conv1.weight, block1.layer.0.bn1.weight, …, block1.layer.0.convShortcut.weight, …, fc.bias}.
 *
 * <pre>{@code WideResNet wrn = new WideResNet(28, 10, 0.3, ModelConfig.CIFAR10, gen); // 36,479,194 params}</pre>
 */
public final class WideResNet extends ResidualClassifier {
    private final Conv2d conv1;
    private final List<Module> blocks = new ArrayList<>();
    private final BatchNorm bn1;
    private final Linear fc;

    /**
     * WRN-{@code depth}-{@code width} with dropout rate {@code dropRate} in every block; the dropout masks come
     * from the model's generator {@code dropout}, forked from {@code g} at construction.
     */
    public WideResNet(int depth, int width, double dropRate, ModelConfig config, Generator g) {
        super("WRN-" + depth + "-" + width, config);
        int n = Stage.perStage("WideResNet", depth, 4);
        Check.arg(width >= 1 && dropRate >= 0 && dropRate < 1, "WideResNet",
                "width must be positive and the dropout rate in [0, 1), found %d and %s", width, dropRate);
        registerGenerator("dropout", g.fork());
        int[] channels = {16, 16 * width, 32 * width, 64 * width};
        conv1 = registerModule("conv1", new Conv2d(config.inChannels(), channels[0], 3, 1, 1, false, g));
        for (int i = 1; i <= 3; i++) {
            int out = channels[i];
            Sequential layer = Stage.of(n, channels[i - 1], out, i == 1 ? 1 : 2,
                    (in, stride) -> new WideBlock(in, out, stride, dropRate, () -> generator("dropout"), g));
            blocks.add(registerModule("block" + i, new Sequential().add("layer", layer)));
        }
        bn1 = registerModule("bn1", BatchNorm.of2d(channels[3]));
        registerModule("relu", new ReLU()); // the PyTorch child, applied fused with bn1 (BatchNorm.forwardRelu)
        fc = registerModule("fc", new Linear(channels[3], config.classes(), true, g));
        WeightInit.kaimingNormal(this, Init.FanMode.FAN_OUT, false, g);
        WeightInit.zeroLinearBiases(this);
    }

    /** relu(bn1(block3(…))), [N, 64·width, ⌈s/4⌉, ⌈s/4⌉]. */
    @Override
    Var trunk(Var x) {
        return bn1.forwardRelu(chain(conv1.forward(x), blocks));
    }

    @Override
    Linear head() {
        return fc;
    }
}
