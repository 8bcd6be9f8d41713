package sabre.attacks;

import sabre.nn.Module;
import sabre.nn.Sequential;
import sabre.nn.layers.BatchNorm;
import sabre.nn.layers.Conv2d;
import sabre.nn.layers.Flatten;
import sabre.nn.layers.Linear;
import sabre.nn.layers.Tanh;
import sabre.tensor.DType;
import sabre.tensor.Device;
import sabre.tensor.Generator;
import sabre.tensor.Tensor;

/** Small seeded models and images for the attack tests. */
public final class Fixtures {
    public static final int CLASSES = 4;

    private Fixtures() {
    }

    /**
     * conv3×3(c→6) → BN → tanh → flatten → linear(6·s·s → 4), seeded, in eval mode; smooth, so gradients have no
     * ties.
     */
    public static Module model(int channels, int size, long seed) {
        Generator g = new Generator(seed);
        return new Sequential().add(new Conv2d(channels, 6, 3, 1, 1, true, g)).add(BatchNorm.of2d(6))
                .add(new Tanh()).add(new Flatten()).add(new Linear(6 * size * size, CLASSES, true, g)).eval();
    }

    /** Images uniform in [0, 1] on the 8-bit grid, [n, c, s, s]. */
    public static Tensor images(int n, int channels, int size, long seed) {
        Tensor u = Tensor.uniform(new Generator(seed), Device.defaultDevice(), DType.FLOAT32, 0, 1, n, channels, size,
                size);
        return u.mul(255).floor().div(255);
    }

    /** The model's own predictions as labels, so every image starts correctly classified. */
    public static Tensor predictedLabels(Classifier f, Tensor images) {
        return f.predict(images);
    }
}
