package sabre.nn.models;

import sabre.autograd.F;
import sabre.autograd.Var;
import sabre.nn.Module;
import sabre.nn.layers.BatchNorm;
import sabre.nn.layers.Conv2d;
import sabre.nn.layers.ReLU;
import sabre.tensor.Generator;

import java.util.function.Supplier;

/**
 * The pre-activation wide residual block of xternalz/WideResNet-pytorch ({@code BasicBlock} in
 * {@code wideresnet.py}), children {@code bn1, relu1, conv1, bn2, relu2, conv2[, convShortcut]}:
 * <pre>
 *   in = out:  y = x + conv2(relu2(bn2(dropout(conv1(relu1(bn1(x)))))))
 *   in ≠ out:  a = relu1(bn1(x)),  y = convShortcut(a) + conv2(relu2(bn2(dropout(conv1(a)))))
 * </pre>
 * with {@code convShortcut} a 1×1 convolution carrying the stride. Dropout (inverted, training only) draws its
 * masks from {@code dropout.get()} at every forward (the model passes its registered generator). The children
 * {@code relu1} and {@code relu2} keep the PyTorch module tree; they are applied fused with the batch norm before
 * them ({@link BatchNorm#forwardRelu}).
 *
 * <pre>{@code Module b = new WideBlock(16, 160, 1, 0.3, () -> dropoutGen, gen);}</pre>
 */
public final class WideBlock extends Module {
    private final BatchNorm bn1;
    private final Conv2d conv1;
    private final BatchNorm bn2;
    private final Conv2d conv2;
    private final Conv2d convShortcut;
    private final double dropRate;
    private final Supplier<Generator> dropout;

    /** {@code in → out} channels; parameters drawn from {@code g}, dropout masks from {@code dropout.get()}. */
    public WideBlock(int in, int out, int stride, double dropRate, Supplier<Generator> dropout, Generator g) {
        bn1 = registerModule("bn1", BatchNorm.of2d(in));
        registerModule("relu1", new ReLU());
        conv1 = registerModule("conv1", new Conv2d(in, out, 3, stride, 1, false, g));
        bn2 = registerModule("bn2", BatchNorm.of2d(out));
        registerModule("relu2", new ReLU());
        conv2 = registerModule("conv2", new Conv2d(out, out, 3, 1, 1, false, g));
        convShortcut = in == out ? null : registerModule("convShortcut", new Conv2d(in, out, 1, stride, 0, false, g));
        this.dropRate = dropRate;
        this.dropout = dropout;
    }

    @Override
    public Var forward(Var x) {
        Var a = bn1.forwardRelu(x);
        Var out = F.dropout(conv1.forward(a), dropRate, isTraining(), dropout.get());
        out = conv2.forward(bn2.forwardRelu(out));
        return (convShortcut == null ? x : convShortcut.forward(a)).add(out);
    }

    @Override
    protected String describe() {
        return "dropRate=" + dropRate;
    }
}
