package sabre.data;

import sabre.tensor.ReadLimits;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Opens a data set, train and test parts, from a command-line spec {@code kind[:dir][@option,…]}:
 * <table>
 *   <caption>Specs</caption>
 *   <tr><td>{@code fashion-mnist}</td><td>the full Fashion-MNIST when its directory exists (Debian's
 *       {@code dataset-fashion-mnist}: {@value #DEBIAN_FASHION_MNIST}, overridable), else the embedded subset with a
 *       notice saying so</td></tr>
 *   <tr><td>{@code fashion-mnist:<dir>}</td><td>Fashion-MNIST idx files in {@code dir}</td></tr>
 *   <tr><td>{@code fashion-mnist-subset}</td><td>the embedded subset (6,000 / 1,000 images)</td></tr>
 *   <tr><td>{@code mnist:<dir>}</td><td>MNIST idx files in {@code dir}</td></tr>
 *   <tr><td>{@code cifar10:<dir>}</td><td>CIFAR-10 binary batches</td></tr>
 *   <tr><td>{@code cifar100:<dir>[@coarse]}</td><td>CIFAR-100 binary, fine labels (or the 20 coarse)</td></tr>
 *   <tr><td>{@code tiny-imagenet:<dir>[@HxW]}</td><td>Tiny-ImageNet-200; test = the labelled val set; 64×64
 *       unless resized</td></tr>
 *   <tr><td>{@code folder:<dir>@HxW[,gray]}</td><td>{@code dir/train} and {@code dir/test} (or {@code dir/val}),
 *       each one sub-folder per class, decoded as RGB (or grey) at H×W</td></tr>
 * </table>
 * The options suffix is the part after the last {@code @} when that part contains no {@code /}. A malformed spec
 * raises {@link IllegalArgumentException} listing the accepted forms; loading errors propagate as
 * {@link IOException} ({@link DatasetFormatException}, {@link NoSuchFileException}).
 *
 * <pre>{@code
 * OpenedDataset d = Datasets.open("cifar10:/data/cifar-10-batches-bin");
 * OpenedDataset pets = Datasets.open("folder:/data/pets@64x64");
 * }</pre>
 */
public final class Datasets {
    /** Where Debian's {@code dataset-fashion-mnist} package installs the full data set. */
    public static final String DEBIAN_FASHION_MNIST = "/usr/share/datasets/fashion-mnist";

    private static final String FORMS = "fashion-mnist, fashion-mnist:<dir>, fashion-mnist-subset, mnist:<dir>, "
            + "cifar10:<dir>, cifar100:<dir>[@coarse], tiny-imagenet:<dir>[@HxW], folder:<dir>@HxW[,gray]";

    private Datasets() {
    }

    /** Opens {@code spec}, looking for the full Fashion-MNIST in {@value #DEBIAN_FASHION_MNIST}. */
    public static OpenedDataset open(String spec) throws IOException {
        return open(spec, Path.of(DEBIAN_FASHION_MNIST));
    }

    /** Opens {@code spec}; plain {@code fashion-mnist} looks for the full set in {@code fashionMnistDir}. */
    public static OpenedDataset open(String spec, Path fashionMnistDir) throws IOException {
        Spec s = Spec.parse(spec);
        switch (s.kind) {
            case "fashion-mnist" -> {
                s.expect(false, Set.of());
                if (s.dir != null) {
                    return mnist(spec, s.dir, Mnist.FASHION);
                }
                if (Files.isDirectory(fashionMnistDir)) {
                    return mnist(spec, fashionMnistDir, Mnist.FASHION);
                }
                return subset(spec, Optional.of("fashion-mnist: " + fashionMnistDir + " not found; falling back to "
                        + "the embedded subset (6,000 train / 1,000 test images, 600 / 100 per class)"));
            }
            case "fashion-mnist-subset" -> {
                s.expect(false, Set.of());
                if (s.dir != null) {
                    throw s.bad("takes no directory");
                }
                return subset(spec, Optional.empty());
            }
            case "mnist" -> {
                s.expect(true, Set.of());
                return mnist(spec, s.dir, Mnist.DIGITS);
            }
            case "cifar10" -> {
                s.expect(true, Set.of());
                return new OpenedDataset(spec, Cifar.cifar10(s.dir, Split.TRAIN), Cifar.cifar10(s.dir, Split.TEST),
                        Optional.empty());
            }
            case "cifar100" -> {
                s.expect(true, Set.of("coarse", "fine"));
                boolean coarse = s.options.contains("coarse");
                return new OpenedDataset(spec, Cifar.cifar100(s.dir, Split.TRAIN, coarse),
                        Cifar.cifar100(s.dir, Split.TEST, coarse), Optional.empty());
            }
            case "tiny-imagenet" -> {
                s.expect(true, Set.of());
                int[] size = s.size(TinyImageNet.SIZE);
                return new OpenedDataset(spec, TinyImageNet.load(s.dir, Split.TRAIN, size[0], size[1]),
                        TinyImageNet.load(s.dir, Split.TEST, size[0], size[1]), Optional.empty());
            }
            case "folder" -> {
                s.expect(true, Set.of("gray", "rgb"));
                int[] size = s.size(-1);
                ColorMode mode = s.options.contains("gray") ? ColorMode.GRAY : ColorMode.RGB;
                Path test = Files.isDirectory(s.dir.resolve("test")) ? s.dir.resolve("test") : s.dir.resolve("val");
                DataFiles.requireDirectory(test, "test images of " + spec + " (test/ or val/, one sub-folder per "
                        + "class)");
                return new OpenedDataset(spec, ImageFolder.load(s.dir.resolve("train"), mode, size[0], size[1]),
                        ImageFolder.load(test, mode, size[0], size[1]), Optional.empty());
            }
            default -> throw s.bad("unknown kind '" + s.kind + "'");
        }
    }

    private static OpenedDataset mnist(String spec, Path dir, List<String> names) throws IOException {
        return new OpenedDataset(spec, Mnist.load(dir, Split.TRAIN, names), Mnist.load(dir, Split.TEST, names),
                Optional.empty());
    }

    private static OpenedDataset subset(String spec, Optional<String> notice) throws IOException {
        return new OpenedDataset(spec, Mnist.embeddedFashionSubset(Split.TRAIN),
                Mnist.embeddedFashionSubset(Split.TEST), notice);
    }

    /** {@code kind[:dir][@options]}, split into its parts; {@code dir} is null when absent. */
    private static final class Spec {
        final String text;
        final String kind;
        final Path dir;
        final List<String> options = new ArrayList<>();
        private final List<int[]> sizes = new ArrayList<>();

        private Spec(String text, String kind, Path dir) {
            this.text = text;
            this.kind = kind;
            this.dir = dir;
        }

        static Spec parse(String text) {
            int colon = text.indexOf(':');
            String kind = colon < 0 ? text : text.substring(0, colon);
            String rest = colon < 0 ? "" : text.substring(colon + 1);
            int at = rest.lastIndexOf('@');
            String opts = "";
            if (at >= 0 && rest.indexOf('/', at) < 0) {
                opts = rest.substring(at + 1);
                rest = rest.substring(0, at);
            }
            Path dir = null;
            try {
                dir = rest.isEmpty() ? null : Path.of(rest);
            } catch (InvalidPathException e) {
                throw new Spec(text, kind, null).bad("names an invalid directory (" + e.getReason() + ")");
            }
            Spec s = new Spec(text, kind, dir);
            for (String o : opts.isEmpty() ? new String[0] : opts.split(",")) {
                if (o.matches("[0-9]{1,5}x[0-9]{1,5}")) {
                    String[] hw = o.split("x");
                    s.sizes.add(new int[] {Integer.parseInt(hw[0]), Integer.parseInt(hw[1])});
                } else {
                    s.options.add(o);
                }
            }
            return s;
        }

        /** Checks the directory's presence and that every option is allowed (sizes are checked by size()). */
        void expect(boolean needsDir, Set<String> allowed) {
            if (needsDir && dir == null) {
                throw bad("needs a directory, e.g. " + kind + ":/data/" + kind);
            }
            for (String o : options) {
                if (!allowed.contains(o)) {
                    throw bad("unknown option '" + o + "'" + (allowed.isEmpty() ? "" : " (accepted: " + allowed
                            + ")"));
                }
            }
            if (!sizes.isEmpty() && !kind.equals("tiny-imagenet") && !kind.equals("folder")) {
                throw bad("takes no image size");
            }
        }

        /** The one HxW option, or {@code fallback}×{@code fallback}; a negative fallback makes it required. */
        int[] size(int fallback) {
            if (sizes.size() > 1) {
                throw bad("more than one image size");
            }
            if (sizes.isEmpty()) {
                if (fallback < 0) {
                    throw bad("needs an image size, e.g. " + kind + ":/data/pets@64x64");
                }
                return new int[] {fallback, fallback};
            }
            int[] hw = sizes.get(0);
            if (hw[0] < 1 || hw[1] < 1 || (long) hw[0] * hw[1] > ReadLimits.maxImagePixels()) {
                throw bad("image size " + hw[0] + "x" + hw[1] + " must be positive and at most "
                        + ReadLimits.maxImagePixels() + " pixels");
            }
            return hw;
        }

        IllegalArgumentException bad(String why) {
            return new IllegalArgumentException("datasets: spec '" + text + "' " + why + "; accepted forms: " + FORMS);
        }
    }
}
