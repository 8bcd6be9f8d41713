package sabre.attacks;

import sabre.nn.io.Npy;
import sabre.nn.io.SafeTensors;
import sabre.nn.models.ModelConfig;
import sabre.nn.models.SmallCnn;
import sabre.tensor.Generator;
import sabre.tensor.Tensor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * The committed fixture that attacks really fool: a SmallCnn trained one epoch on the embedded Fashion-MNIST subset
 * (84 % test accuracy) and the first 32 test images it classifies correctly (regenerate with
 * {@code attacks/src/test/resources/sabre/attacks/fixture/make.sh}). Unlike random-weight fixtures, a no-op attack
 * fails every test that uses it.
 *
 * <pre>{@code Classifier f = FooledFixture.classifier(); Tensor x = FooledFixture.images(8);}</pre>
 */
public final class FooledFixture {
    private static final Path DIR = resources();

    private FooledFixture() {
    }

    /** A fresh copy of the trained model in eval mode, wrapped as a classifier of pixel-space images. */
    public static Classifier classifier() {
        try {
            SmallCnn net = new SmallCnn(ModelConfig.FASHION_MNIST, new Generator(0));
            net.loadStateDict(SafeTensors.read(DIR.resolve("smallcnn.safetensors")).tensors(), true);
            net.eval();
            return Classifier.of(net);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first {@code n} (≤ 32) fixture images, FLOAT32 [n, 1, 28, 28] in [0, 1], all correctly classified. */
    public static Tensor images(int n) {
        return read("images.npy").narrow(0, 0, n);
    }

    /** Their labels, INT32 [n]. */
    public static Tensor labels(int n) {
        return read("labels.npy").narrow(0, 0, n);
    }

    private static Tensor read(String name) {
        try {
            return Npy.read(DIR.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path resources() {
        try {
            return Path.of(FooledFixture.class.getResource("/sabre/attacks/fixture/labels.npy").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
