package sabre.nn.models;

import sabre.autograd.Var;
import sabre.nn.Module;
import sabre.nn.layers.BatchNorm;
import sabre.nn.layers.Conv2d;
import sabre.tensor.Generator;

/**
 * The post-activation residual block of He et al. 2016 with two 3×3 convolutions, as kuangliu/pytorch-cifar and
 * akamaster/pytorch_resnet_cifar10 write it: {@code relu(bn2(conv2(relu(bn1(conv1(x))))) + shortcut(x))}, children
 * {@code conv1, bn1, conv2, bn2, shortcut} (the convolutions without bias, the stride on conv1).
 *
 * <pre>{@code Module b = new BasicBlock(64, 128, 2, Shortcuts.projection(64, 128, 2, gen), gen);}</pre>
 */
public final class BasicBlock extends Module {
    private final Conv2d conv1;
    private final BatchNorm bn1;
    private final Conv2d conv2;
    private final BatchNorm bn2;
    private final Module shortcut;

    /** {@code in → planes} channels; {@code shortcut} must map the input to the output's shape. */
    public BasicBlock(int in, int planes, int stride, Module shortcut, Generator g) {
        this(in, planes, stride, "shortcut", shortcut, g);
    }

    /** The same block with its shortcut registered as {@code shortcutName} (torchvision: {@code downsample}). */
    public BasicBlock(int in, int planes, int stride, String shortcutName, Module shortcut, Generator g) {
        conv1 = registerModule("conv1", new Conv2d(in, planes, 3, stride, 1, false, g));
        bn1 = registerModule("bn1", BatchNorm.of2d(planes));
        conv2 = registerModule("conv2", new Conv2d(planes, planes, 3, 1, 1, false, g));
        bn2 = registerModule("bn2", BatchNorm.of2d(planes));
        this.shortcut = registerModule(shortcutName, shortcut);
    }

    @Override
    public Var forward(Var x) {
        Var out = bn1.forwardRelu(conv1.forward(x));
        return bn2.forward(conv2.forward(out)).addRelu(shortcut.forward(x));
    }
}
