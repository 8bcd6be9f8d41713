package sabre.nn.models;

import sabre.tensor.Check;

/**
 * The data a classifier is built for: input channels, square image size and number of classes
 * (Fashion-MNIST 1×28×28/10, CIFAR-10 3×32×32/10, CIFAR-100 3×32×32/100, Tiny-ImageNet 3×64×64/200).
 *
 * <pre>{@code ModelConfig cifar10 = new ModelConfig(3, 32, 10);}</pre>
 */
public record ModelConfig(int inChannels, int imageSize, int classes) {
    public ModelConfig {
        Check.positive("model config", "channels, image size and classes", inChannels, imageSize, classes);
    }

    /** 1×28×28, 10 classes. */
    public static final ModelConfig FASHION_MNIST = new ModelConfig(1, 28, 10);
    /** 3×32×32, 10 classes. */
    public static final ModelConfig CIFAR10 = new ModelConfig(3, 32, 10);
}
