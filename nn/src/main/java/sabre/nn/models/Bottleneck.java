package sabre.nn.models;

import sabre.autograd.Var;
import sabre.nn.Module;
import sabre.nn.layers.BatchNorm;
import sabre.nn.layers.Conv2d;
import sabre.tensor.Generator;

/**
 * The bottleneck block of kuangliu/pytorch-cifar (ResNet-50/101): 1×1 {@code in→planes}, 3×3 {@code planes→planes}
 * with the stride, 1×1 {@code planes→4·planes}, each followed by batch norm, ReLU after the first two and after the
 * sum with the {@link Shortcuts#projection projection} shortcut. Children {@code conv1, bn1, conv2, bn2, conv3, bn3,
 * shortcut}.
 *
 * <pre>{@code Module b = new Bottleneck(256, 128, 2, gen); // 256 → 512 channels, half the resolution}</pre>
 */
public final class Bottleneck extends Module {
    /** Output channels per {@code planes}. */
    public static final int EXPANSION = 4;

    private final Conv2d conv1;
    private final BatchNorm bn1;
    private final Conv2d conv2;
    private final BatchNorm bn2;
    private final Conv2d conv3;
    private final BatchNorm bn3;
    private final Module shortcut;

    /** {@code in → 4·planes} channels, the stride on the 3×3 convolution; parameters drawn from {@code g}. */
    public Bottleneck(int in, int planes, int stride, Generator g) {
        this(in, planes, planes, stride, "shortcut", g);
    }

    /**
     * torchvision's form: inner width {@code width} (planes·width_per_group/64; 2·planes for Wide ResNet-50-2),
     * output 4·planes, the shortcut registered as {@code shortcutName} ({@code downsample}).
     */
    public Bottleneck(int in, int planes, int width, int stride, String shortcutName, Generator g) {
        int out = EXPANSION * planes;
        conv1 = registerModule("conv1", new Conv2d(in, width, 1, 1, 0, false, g));
        bn1 = registerModule("bn1", BatchNorm.of2d(width));
        conv2 = registerModule("conv2", new Conv2d(width, width, 3, stride, 1, false, g));
        bn2 = registerModule("bn2", BatchNorm.of2d(width));
        conv3 = registerModule("conv3", new Conv2d(width, out, 1, 1, 0, false, g));
        bn3 = registerModule("bn3", BatchNorm.of2d(out));
        shortcut = registerModule(shortcutName, Shortcuts.projection(in, out, stride, g));
    }

    @Override
    public Var forward(Var x) {
        Var out = bn1.forwardRelu(conv1.forward(x));
        out = bn2.forwardRelu(conv2.forward(out));
        return bn3.forward(conv3.forward(out)).addRelu(shortcut.forward(x));
    }
}
