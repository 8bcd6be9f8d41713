package sabre.nn.models;

import sabre.autograd.F;
import sabre.autograd.Var;
import sabre.nn.Module;
import sabre.nn.layers.Linear;
import sabre.tensor.Check;

import java.util.Arrays;
import java.util.List;

/**
 * What the residual classifiers of this package share: a name used in error messages, the {@link ModelConfig} and
 * its checks (image size 28, 32 or 64; input [N, C, s, s]), and the split {@code forward(x) =
 * classify(features(x))} with {@code classify(f) = head(flatten(global average pool(f)))}. Pooling is adaptive, so
 * one model runs at every supported size (the reference code's {@code avg_pool2d(out, 4)} or {@code (out, 8)} is
 * global at 32×32 only, and equal to this there).
 *
 * <pre>{@code ResidualClassifier net = new ResNetCifar(20, ModelConfig.CIFAR10, gen); Var cam = net.features(x);}</pre>
 */
public abstract class ResidualClassifier extends Module implements FeatureClassifier {
    private final String name;
    private final ModelConfig config;

    /** Checks the configuration, naming the model when it is refused. */
    ResidualClassifier(String name, ModelConfig config) {
        int s = config.imageSize();
        Check.arg(s == 28 || s == 32 || s == 64, name, "image size %d is not supported (28, 32 or 64)", s);
        this.name = name;
        this.config = config;
    }

    /** The model's name, e.g. {@code ResNet-20} or {@code WRN-28-10}. */
    public final String name() {
        return name;
    }

    /** The input channels, image size and classes the model was built for. */
    public final ModelConfig config() {
        return config;
    }

    /** The last feature map of an input already checked. */
    abstract Var trunk(Var x);

    /** The linear layer applied to the pooled features. */
    abstract Linear head();

    /** The feature map [N, K, h, w] before global pooling, of images [N, C, s, s]. */
    @Override
    public final Var features(Var x) {
        int[] s = x.shape();
        Check.arg(s.length == 4 && s[1] == config.inChannels() && s[2] == config.imageSize()
                        && s[3] == config.imageSize(), name, "expected input [N, %d, %d, %d], found %s",
                config.inChannels(), config.imageSize(), config.imageSize(), Arrays.toString(s));
        return trunk(x);
    }

    /** Logits [N, classes]: the head applied to the per-channel spatial mean. */
    @Override
    public final Var classify(Var features) {
        return head().forward(F.adaptiveAvgPool2d(features, 1, 1).flatten(1, -1));
    }

    /** Logits [N, classes] of images [N, C, s, s]. */
    @Override
    public final Var forward(Var x) {
        return classify(features(x));
    }

    /** Applies {@code stages} in order. */
    static Var chain(Var x, List<Module> stages) {
        Var out = x;
        for (Module m : stages) {
            out = m.forward(out);
        }
        return out;
    }

    @Override
    protected String describe() {
        return name + ", " + config.inChannels() + "x" + config.imageSize() + "x" + config.imageSize() + " -> "
                + config.classes();
    }
}
