package sabre.nn.models;

import sabre.autograd.Var;
import sabre.nn.Module;
import sabre.nn.Sequential;
import sabre.nn.layers.BatchNorm;
import sabre.nn.layers.Conv2d;
import sabre.tensor.Generator;

/**
 * The pre-activation residual block of He et al. 2016 ("Identity Mappings") as kuangliu/pytorch-cifar writes it:
 * {@code a = relu(bn1(x))}, {@code out = conv2(relu(bn2(conv1(a)))) + shortcut}, where the shortcut is {@code x}
 * itself, or {@code shortcut(a)} — a {@code Sequential(0: conv 1×1, no bias)} — when the stride or width changes.
 * Children {@code bn1, conv1, bn2, conv2[, shortcut]}.
 *
 * <pre>{@code Module b = new PreActBlock(64, 128, 2, gen); // has shortcut.0.weight [128, 64, 1, 1]}</pre>
 */
public final class PreActBlock extends Module {
    private final BatchNorm bn1;
    private final Conv2d conv1;
    private final BatchNorm bn2;
    private final Conv2d conv2;
    private final Module shortcut;

    /** {@code in → planes} channels, the stride on conv1 (and the shortcut); parameters drawn from {@code g}. */
    public PreActBlock(int in, int planes, int stride, Generator g) {
        bn1 = registerModule("bn1", BatchNorm.of2d(in));
        conv1 = registerModule("conv1", new Conv2d(in, planes, 3, stride, 1, false, g));
        bn2 = registerModule("bn2", BatchNorm.of2d(planes));
        conv2 = registerModule("conv2", new Conv2d(planes, planes, 3, 1, 1, false, g));
        shortcut = stride == 1 && in == planes ? null
                : registerModule("shortcut", new Sequential().add(new Conv2d(in, planes, 1, stride, 0, false, g)));
    }

    @Override
    public Var forward(Var x) {
        Var a = bn1.forwardRelu(x);
        Var skip = shortcut == null ? x : shortcut.forward(a);
        return conv2.forward(bn2.forwardRelu(conv1.forward(a))).add(skip);
    }
}
