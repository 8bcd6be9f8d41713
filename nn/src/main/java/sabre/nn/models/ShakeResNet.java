package sabre.nn.models;

import sabre.autograd.Var;
import sabre.nn.Init;
import sabre.nn.Module;
import sabre.nn.layers.Conv2d;
import sabre.nn.layers.Linear;
import sabre.tensor.Check;
import sabre.tensor.Generator;

import java.util.ArrayList;
import java.util.List;

/**
 * Shake-Shake-d 2×wd for CIFAR (Gastaldi 2017) in the layout of owruby/shake-shake_pytorch
 * ({@code models/shake_resnet.py}, also shipped by kakaobrain/fast-autoaugment and used by AdvMask's code), so its
 * checkpoints load unchanged: {@code c_in} (3×3, 16 channels, with bias) → {@code layer1 … layer3} of n = (d − 2)/6
 * {@link ShakeBlock}s of w/2w/4w channels (the first stage at stride 1, each first block widening through a
 * {@link ShakeShortcut}) → ReLU → global average pool → {@code fc_out}. Initialised as the reference: convolutions
 * N(0, 2/(3·3·out)), batch norm 1/0, {@code fc_out} bias 0. The shake coefficients come from the model's
 * generator {@code shake} (forked from the construction generator; see {@link #namedGenerators()}).
 *
 * <pre>{@code ShakeResNet net = new ShakeResNet(26, 32, ModelConfig.CIFAR10, gen); // 2,989,002 params}</pre>
 */
public final class ShakeResNet extends ResidualClassifier {
    private final Conv2d cIn;
    private final List<Module> layers = new ArrayList<>();
    private final Linear fcOut;

    /** Shake-Shake-{@code depth} 2×{@code width}d. */
    public ShakeResNet(int depth, int width, ModelConfig config, Generator g) {
        super("Shake-Shake-" + depth + " 2x" + width + "d", config);
        int n = Stage.perStage("ShakeResNet", depth, 2);
        Check.arg(width >= 2 && width % 2 == 0, "ShakeResNet", "width must be positive and even, found %d", width);
        registerGenerator("shake", g.fork());
        int[] channels = {16, width, 2 * width, 4 * width};
        cIn = registerModule("c_in", new Conv2d(config.inChannels(), channels[0], 3, 1, 1, true, g));
        for (int i = 1; i <= 3; i++) {
            int out = channels[i];
            layers.add(registerModule("layer" + i, Stage.of(n, channels[i - 1], out, i == 1 ? 1 : 2,
                    (in, stride) -> new ShakeBlock(in, out, stride, () -> generator("shake"), g))));
        }
        fcOut = registerModule("fc_out", new Linear(channels[3], config.classes(), true, g));
        WeightInit.kaimingNormal(this, Init.FanMode.FAN_OUT, false, g);
        WeightInit.zeroLinearBiases(this);
    }

    /** relu(layer3(…)), [N, 4·width, ⌈s/4⌉, ⌈s/4⌉]. */
    @Override
    Var trunk(Var x) {
        return chain(cIn.forward(x), layers).relu();
    }

    @Override
    Linear head() {
        return fcOut;
    }
}
