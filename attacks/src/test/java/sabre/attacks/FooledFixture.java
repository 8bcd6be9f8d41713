package sabre.attacks;

import sabre.autograd.Var;
import sabre.nn.Module;
import sabre.nn.io.Npy;
import sabre.nn.io.SafeTensors;
import sabre.nn.models.ModelConfig;
import sabre.nn.models.SmallCnn;
import sabre.tensor.Generator;
import sabre.tensor.Tensor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The committed fixture that attacks really fool: a SmallCnn trained one epoch on the embedded Fashion-MNIST subset
 * (84 % test accuracy) and 32 correctly classified test images near its boundary (every 8th by logit margin; PGD at
 * 8/255 fools 69 % of them; regenerate with
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

    /**
     * The same model seeing 3-channel images through their channel mean, so each channel can be perturbed on its
     * own and a pixel's channels are counted apart (L0 in pixels vs elements).
     */
    public static Classifier colourClassifier() {
        return Classifier.of(new ChannelMean(classifier().module()).eval());
    }

    /** x ↦ grey(mean over channels of x). */
    private static final class ChannelMean extends Module {
        private final Module grey;

        ChannelMean(Module grey) {
            this.grey = registerModule("grey", grey);
        }

        @Override
        public Var forward(Var x) {
            return grey.forward(x.mean(new int[] {1}, true));
        }
    }

    /** The first {@code n} fixture images repeated on 3 channels, [n, 3, 28, 28]. */
    public static Tensor colourImages(int n) {
        Tensor x = images(n);
        return Tensor.cat(List.of(x, x, x), 1);
    }

    /**
     * The first {@code n} (≤ 32) fixture images, FLOAT32 [n, 1, 28, 28] in [0, 1], all correctly classified, in
     * order of increasing margin.
     */
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

    /**
     * The fixture's folder: the resources themselves when they are files (this module's tests), else a temporary
     * copy (another module's tests, which read them from this module's test jar).
     */
    private static Path resources() {
        try {
            URI labels = FooledFixture.class.getResource("/sabre/attacks/fixture/labels.npy").toURI();
            if ("file".equals(labels.getScheme())) {
                return Path.of(labels).getParent();
            }
            Path copy = Files.createTempDirectory("sabre-fooled-fixture");
            for (String name : List.of("images.npy", "labels.npy", "smallcnn.safetensors")) {
                try (InputStream in = FooledFixture.class.getResourceAsStream("/sabre/attacks/fixture/" + name)) {
                    Files.copy(in, copy.resolve(name));
                }
                copy.resolve(name).toFile().deleteOnExit();
            }
            copy.toFile().deleteOnExit();
            return copy;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
