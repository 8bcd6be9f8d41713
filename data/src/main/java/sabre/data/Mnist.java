package sabre.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * MNIST-format data sets (MNIST digits, Fashion-MNIST): a directory holding {@code train-images-idx3-ubyte},
 * {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte} and {@code t10k-labels-idx1-ubyte}, each plain or
 * with a {@code .gz} suffix (the plain file wins when both exist). Images are 1×28×28 (any size the header states),
 * labels must lie in {@code 0 .. classNames.size()-1}, and the images and labels files must agree on the count.
 *
 * <p>Also serves the embedded Fashion-MNIST subset shipped in this jar: the first 600 training and the first 100
 * test images of every class (6,000 / 1,000), see {@link #embeddedFashionSubset}.
 *
 * <pre>{@code
 * ImageDataset train = Mnist.load(Path.of("/usr/share/datasets/fashion-mnist"), Split.TRAIN, Mnist.FASHION);
 * ImageDataset small = Mnist.embeddedFashionSubset(Split.TEST); // 1,000 images, 100 per class
 * }</pre>
 */
public final class Mnist {
    /** Class names of MNIST: the digits. */
    public static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    /** Class names of Fashion-MNIST, by label. */
    public static final List<String> FASHION = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    /** Class-path folder of the embedded Fashion-MNIST subset (gzipped idx files, LICENSE, README.md). */
    public static final String EMBEDDED_SUBSET = "sabre/data/fashion-mnist-subset/";

    private Mnist() {
    }

    /** Base name of a split's images file, without {@code .gz}: {@code train-images-idx3-ubyte} / {@code t10k-…}. */
    public static String imagesFileName(Split split) {
        return prefix(split) + "-images-idx3-ubyte";
    }

    /** Base name of a split's labels file, without {@code .gz}: {@code train-labels-idx1-ubyte} / {@code t10k-…}. */
    public static String labelsFileName(Split split) {
        return prefix(split) + "-labels-idx1-ubyte";
    }

    private static String prefix(Split split) {
        return split == Split.TRAIN ? "train" : "t10k";
    }

    /** Loads one split from {@code dir}, naming the classes {@code classNames} ({@link #DIGITS}, {@link #FASHION}). */
    public static ImageDataset load(Path dir, Split split, List<String> classNames) throws IOException {
        Path images = find(dir, imagesFileName(split), split + " images");
        Path labels = find(dir, labelsFileName(split), split + " labels");
        return combine(IdxFile.readImages(images), images.toString(), IdxFile.readLabels(labels),
                labels.toString(), classNames);
    }

    /** The embedded class-balanced Fashion-MNIST subset: 6,000 training or 1,000 test images, 1×28×28. */
    public static ImageDataset embeddedFashionSubset(Split split) throws IOException {
        String images = EMBEDDED_SUBSET + imagesFileName(split) + ".gz";
        String labels = EMBEDDED_SUBSET + labelsFileName(split) + ".gz";
        IdxFile.Images pixels;
        try (InputStream in = resource(images)) {
            pixels = IdxFile.readImages(in, "classpath:" + images);
        }
        try (InputStream in = resource(labels)) {
            return combine(pixels, "classpath:" + images, IdxFile.readLabels(in, "classpath:" + labels),
                    "classpath:" + labels, FASHION);
        }
    }

    private static InputStream resource(String name) throws NoSuchFileException {
        InputStream in = Mnist.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new NoSuchFileException("classpath:" + name, null, "embedded Fashion-MNIST subset missing from "
                    + "the class path (is sabre-data's jar complete?)");
        }
        return in;
    }

    private static Path find(Path dir, String base, String what) throws NoSuchFileException {
        for (Path candidate : List.of(dir.resolve(base), dir.resolve(base + ".gz"))) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new NoSuchFileException(dir.resolve(base).toString(), null, "missing MNIST-format " + what
                + ": expected " + base + " or " + base + ".gz in " + dir);
    }

    private static ImageDataset combine(IdxFile.Images images, String imagesSource, byte[] labels,
                                        String labelsSource, List<String> classNames)
            throws DatasetFormatException {
        if (labels.length != images.pixels().length) {
            throw new DatasetFormatException(labelsSource, String.format("has %,d labels but %s has %,d images",
                    labels.length, imagesSource, images.pixels().length));
        }
        int[] ints = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            ints[i] = labels[i] & 0xFF;
            if (ints[i] >= classNames.size()) {
                throw new DatasetFormatException(labelsSource, String.format("label %d of item %,d (offset %,d) is "
                        + "outside 0..%d", ints[i], i, 8 + i, classNames.size() - 1));
            }
        }
        return new ImageDataset(1, images.rows(), images.cols(), images.pixels(), ints, classNames);
    }
}
