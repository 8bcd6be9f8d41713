package sabre.data;

import sabre.tensor.Generator;
import sabre.tensor.Tensor;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An immutable, in-memory set of labelled images. Every image has the same shape C×H×W and is kept as one compact
 * {@code byte[]} of unsigned 8-bit pixels in CHW order (channel planes, rows top to bottom); labels are class
 * indices {@code 0 .. numClasses()-1} with a name per class. Subsets share the pixel arrays, so {@link #subset},
 * {@link #firstPerClass} and {@link #randomSplit} cost only an index array.
 *
 * <pre>{@code
 * ImageDataset train = Mnist.embeddedFashionSubset(Split.TRAIN);
 * Tensor x = train.image(0);                  // FLOAT32 [1, 28, 28] in [0, 1]
 * String name = train.className(train.label(0));
 * List<ImageDataset> parts = train.randomSplit(new Generator(7), 5000); // 5,000 / 1,000
 * }</pre>
 */
public final class ImageDataset {
    private final int channels;
    private final int height;
    private final int width;
    private final byte[][] pixels;
    private final int[] labels;
    private final List<String> classNames;

    /** Takes ownership of the arrays (loaders hand over what they read); see {@link #of} for the checked copy. */
    ImageDataset(int channels, int height, int width, byte[][] pixels, int[] labels, List<String> classNames) {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("image dataset: image shape must be positive, found "
                    + channels + "×" + height + "×" + width);
        }
        if (pixels.length != labels.length) {
            throw new IllegalArgumentException("image dataset: " + pixels.length + " images but " + labels.length
                    + " labels");
        }
        if (classNames.isEmpty()) {
            throw new IllegalArgumentException("image dataset: needs at least one class name");
        }
        int bytes = channels * height * width;
        for (int i = 0; i < pixels.length; i++) {
            if (pixels[i].length != bytes) {
                throw new IllegalArgumentException("image dataset: image " + i + " has " + pixels[i].length
                        + " bytes, expected " + channels + "×" + height + "×" + width + " = " + bytes);
            }
            if (labels[i] < 0 || labels[i] >= classNames.size()) {
                throw new IllegalArgumentException("image dataset: label " + labels[i] + " of image " + i
                        + " is outside 0.." + (classNames.size() - 1));
            }
        }
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.pixels = pixels;
        this.labels = labels;
        this.classNames = List.copyOf(classNames);
    }

    /**
     * A data set over copies of {@code pixels} (each C·H·W unsigned bytes in CHW order) and {@code labels}
     * (each in {@code 0 .. classNames.size()-1}); throws {@link IllegalArgumentException} on any mismatch.
     */
    public static ImageDataset of(int channels, int height, int width, byte[][] pixels, int[] labels,
                                  List<String> classNames) {
        byte[][] copy = new byte[pixels.length][];
        Arrays.setAll(copy, i -> pixels[i].clone());
        return new ImageDataset(channels, height, width, copy, labels.clone(), classNames);
    }

    /** Number of images. */
    public int size() {
        return pixels.length;
    }

    public int channels() {
        return channels;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** {@code {C, H, W}}. */
    public int[] imageShape() {
        return new int[] {channels, height, width};
    }

    public int numClasses() {
        return classNames.size();
    }

    /** Class names, indexed by label. */
    public List<String> classNames() {
        return classNames;
    }

    public String className(int label) {
        return classNames.get(label);
    }

    /** The label of image {@code i}. */
    public int label(int i) {
        return labels[Objects.checkIndex(i, labels.length)];
    }

    /** A copy of all labels, in order. */
    public int[] labels() {
        return labels.clone();
    }

    /** A copy of image {@code i}'s raw pixels: C·H·W unsigned bytes in CHW order. */
    public byte[] pixels(int i) {
        return pixels[Objects.checkIndex(i, pixels.length)].clone();
    }

    /** Image {@code i} as floats in [0, 1] (pixel / 255). */
    public FloatImage floatImage(int i) {
        byte[] src = pixels[Objects.checkIndex(i, pixels.length)];
        float[] data = new float[src.length];
        for (int k = 0; k < src.length; k++) {
            data[k] = (src[k] & 0xFF) / 255f;
        }
        return new FloatImage(channels, height, width, data);
    }

    /** Image {@code i} as a FLOAT32 tensor [C, H, W] in [0, 1]. */
    public Tensor image(int i) {
        return floatImage(i).toTensor();
    }

    /** How many images each class has, indexed by label. */
    public int[] classCounts() {
        int[] counts = new int[classNames.size()];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /** The images at {@code indices}, in that order (an index may repeat); pixel arrays are shared, not copied. */
    public ImageDataset subset(int... indices) {
        byte[][] p = new byte[indices.length][];
        int[] l = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            int i = Objects.checkIndex(indices[k], pixels.length);
            p[k] = pixels[i];
            l[k] = labels[i];
        }
        return new ImageDataset(channels, height, width, p, l, classNames);
    }

    /**
     * A class-balanced subset: the first {@code n} images of every class, in the original order (deterministic,
     * no randomness). Throws {@link IllegalArgumentException} when a class has fewer than {@code n} images.
     */
    public ImageDataset firstPerClass(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("firstPerClass: n must be non-negative, found " + n);
        }
        int[] counts = classCounts();
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] < n) {
                throw new IllegalArgumentException("firstPerClass: class " + c + " (" + classNames.get(c)
                        + ") has only " + counts[c] + " images, need " + n);
            }
        }
        int[] taken = new int[counts.length];
        int[] chosen = new int[n * counts.length];
        int k = 0;
        for (int i = 0; i < labels.length && k < chosen.length; i++) {
            if (taken[labels[i]] < n) {
                taken[labels[i]]++;
                chosen[k++] = i;
            }
        }
        return subset(chosen);
    }

    /**
     * A random partition into two parts of {@code firstSize} and {@code size() - firstSize} images, from a
     * permutation drawn with {@code g} (same seed, same split). Returns the two parts in that order.
     */
    public List<ImageDataset> randomSplit(Generator g, int firstSize) {
        if (firstSize < 0 || firstSize > size()) {
            throw new IllegalArgumentException("randomSplit: first size " + firstSize + " outside 0.." + size());
        }
        int[] perm = Tensor.randperm(g, size()).toIntArray();
        return List.of(subset(Arrays.copyOfRange(perm, 0, firstSize)),
                subset(Arrays.copyOfRange(perm, firstSize, perm.length)));
    }

    @Override
    public String toString() {
        return "ImageDataset[" + size() + " images " + channels + "×" + height + "×" + width + ", "
                + classNames.size() + " classes]";
    }
}
