package sabre.data.tools;

import sabre.data.Datasets;
import sabre.data.IdxFile;
import sabre.data.ImageDataset;
import sabre.data.Mnist;
import sabre.data.Split;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Regenerates the embedded Fashion-MNIST subset: from the full data set (default: Debian's
 * {@value Datasets#DEBIAN_FASHION_MNIST}) it takes the first 600 training and the first 100 test images of every
 * class, in file order (no randomness), and writes them as gzipped idx files (deterministic bytes) with the same
 * names as the originals. The LICENSE and README.md next to them are maintained by hand.
 *
 * <pre>{@code
 * java -cp tensor/target/classes:data/target/classes sabre.data.tools.EmbedFashionMnist \
 *     /usr/share/datasets/fashion-mnist data/src/main/resources/sabre/data/fashion-mnist-subset
 * }</pre>
 */
public final class EmbedFashionMnist {
    /** Images kept per class from the training set. */
    public static final int TRAIN_PER_CLASS = 600;
    /** Images kept per class from the test set. */
    public static final int TEST_PER_CLASS = 100;

    private EmbedFashionMnist() {
    }

    /** {@code args}: [source directory] [output directory]. */
    public static void main(String[] args) throws IOException {
        Path source = Path.of(args.length > 0 ? args[0] : Datasets.DEBIAN_FASHION_MNIST);
        Path out = Path.of(args.length > 1 ? args[1] : "data/src/main/resources/" + Mnist.EMBEDDED_SUBSET);
        Files.createDirectories(out);
        write(Mnist.load(source, Split.TRAIN, Mnist.FASHION).firstPerClass(TRAIN_PER_CLASS), Split.TRAIN, out);
        write(Mnist.load(source, Split.TEST, Mnist.FASHION).firstPerClass(TEST_PER_CLASS), Split.TEST, out);
    }

    private static void write(ImageDataset subset, Split split, Path out) throws IOException {
        byte[][] pixels = new byte[subset.size()][];
        byte[] labels = new byte[subset.size()];
        for (int i = 0; i < subset.size(); i++) {
            pixels[i] = subset.pixels(i);
            labels[i] = (byte) subset.label(i);
        }
        Path images = out.resolve(Mnist.imagesFileName(split) + ".gz");
        Path labelFile = out.resolve(Mnist.labelsFileName(split) + ".gz");
        IdxFile.writeImages(images, subset.height(), subset.width(), pixels);
        IdxFile.writeLabels(labelFile, labels);
        System.out.printf("%s: %,d images (%,d bytes), %s (%,d bytes)%n", images, subset.size(), Files.size(images),
                labelFile, Files.size(labelFile));
    }
}
