package sabre.nn.models;

import sabre.autograd.Var;
import sabre.nn.Module;
import sabre.nn.Sequential;
import sabre.nn.layers.BatchNorm;
import sabre.nn.layers.Conv2d;
import sabre.nn.layers.Dropout;
import sabre.nn.layers.Linear;
import sabre.nn.layers.MaxPool2d;
import sabre.nn.layers.ReLU;
import sabre.tensor.Check;
import sabre.tensor.Generator;

/**
 * A small CNN for Fashion-MNIST-sized inputs (any square size ≥ 4: 28×28×1, 32×32×3, 64×64×3):
 * {@code features} = [conv(C→32, 3, pad 1)-BN-ReLU-maxpool 2] → [conv(32→64, 3, pad 1)-BN-ReLU-maxpool 2], then
 * flatten and {@code classifier} = Linear(64·⌊s/4⌋²→128)-ReLU-Dropout(0.25)-Linear(128→classes). The convolutions
 * have no bias (the batch norm after each removes it). State-dict keys: {@code features.0.weight},
 * {@code features.1.running_mean}, …, {@code classifier.0.weight}, {@code classifier.3.bias}.
 *
 * <pre>{@code SmallCnn net = new SmallCnn(ModelConfig.FASHION_MNIST, new Generator(0));}</pre>
 */
public final class SmallCnn extends Module implements FeatureClassifier {
    private final ModelConfig config;
    private final Sequential features;
    private final Sequential classifier;

    /** Parameters drawn from {@code g}; the dropout masks from a generator forked from it. */
    public SmallCnn(ModelConfig config, Generator g) {
        Check.arg(config.imageSize() >= 4, "SmallCnn", "image size must be at least 4, found %d", config.imageSize());
        this.config = config;
        features = registerModule("features", new Sequential()
                .add(new Conv2d(config.inChannels(), 32, 3, 1, 1, false, g)).add(BatchNorm.of2d(32)).add(new ReLU())
                .add(new MaxPool2d(2))
                .add(new Conv2d(32, 64, 3, 1, 1, false, g)).add(BatchNorm.of2d(64)).add(new ReLU())
                .add(new MaxPool2d(2)));
        int side = config.imageSize() / 2 / 2; // two floor-mode 2×2 poolings
        classifier = registerModule("classifier", new Sequential()
                .add(new Linear(64 * side * side, 128, true, g)).add(new ReLU()).add(new Dropout(0.25, g.fork()))
                .add(new Linear(128, config.classes(), true, g)));
    }

    public ModelConfig config() {
        return config;
    }

    /** Logits [N, classes] of images [N, C, s, s]. */
    @Override
    public Var forward(Var x) {
        return classify(features(x));
    }

    /** The pooled last feature map [N, 64, ⌊s/4⌋, ⌊s/4⌋] (what CAM looks at). */
    @Override
    public Var features(Var x) {
        int[] s = x.shape();
        Check.arg(s.length == 4 && s[1] == config.inChannels() && s[2] == config.imageSize()
                        && s[3] == config.imageSize(), "SmallCnn", "expected input [N, %d, %d, %d], found %s",
                config.inChannels(), config.imageSize(), config.imageSize(), java.util.Arrays.toString(s));
        return features.forward(x);
    }

    /** Logits from the feature map: flatten, then the classifier. */
    @Override
    public Var classify(Var featureMap) {
        return classifier.forward(featureMap.flatten(1, -1));
    }

    @Override
    protected String describe() {
        return config.inChannels() + "x" + config.imageSize() + "x" + config.imageSize() + " -> " + config.classes();
    }
}
