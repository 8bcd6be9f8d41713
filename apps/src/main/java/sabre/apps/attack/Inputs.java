package sabre.apps.attack;

import sabre.attacks.Batch;
import sabre.attacks.Classifier;
import sabre.data.ImageDataset;
import sabre.tensor.Device;
import sabre.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The images an attack runs on: pixel-space images [N, C, H, W] in [0, 1], INT32 labels [N], where each image came
 * from (its index in the data set or file) and the class names when known.
 *
 * <pre>{@code Inputs in = Inputs.firstCorrect(test, 100, Classifier.of(model), Device.CPU);}</pre>
 *
 * @param classNames the data set's class names, or an empty list for images from files
 */
public record Inputs(Tensor images, Tensor labels, int[] index, List<String> classNames) {

    public Inputs {
        Batch.check(images, labels);
        if (images.shape(0) == 0) {
            throw new IllegalArgumentException("attack: no images to attack");
        }
    }

    /** Images from arrays (index = position). */
    public static Inputs of(Tensor images, Tensor labels) {
        return new Inputs(images, labels, IntStream.range(0, images.shape(0)).toArray(), List.of());
    }

    /** The first {@code n} images of {@code data} (all when it has fewer). */
    public static Inputs first(ImageDataset data, int n) {
        checkCount(n);
        return of(data, IntStream.range(0, Math.min(n, data.size())).toArray());
    }

    /**
     * The first {@code n} images of {@code data} that {@code model} (on {@code device}) classifies correctly, scanning in chunks of 256;
     * fewer when the data set runs out.
     */
    public static Inputs firstCorrect(ImageDataset data, int n, Classifier model, Device device) {
        checkCount(n);
        List<Integer> keep = new ArrayList<>();
        try (Classifier.EvalScope scope = model.evalScope()) {
            for (int start = 0; start < data.size() && keep.size() < n; start += 256) {
                int[] chunk = IntStream.range(start, Math.min(start + 256, data.size())).toArray();
                Inputs part = of(data, chunk);
                int[] predicted = model.predict(part.images.to(device)).toIntArray();
                int[] labels = part.labels.toIntArray();
                for (int i = 0; i < chunk.length && keep.size() < n; i++) {
                    if (predicted[i] == labels[i]) {
                        keep.add(chunk[i]);
                    }
                }
            }
        }
        if (keep.isEmpty()) {
            throw new IllegalArgumentException("attack: the model classifies none of the images correctly");
        }
        return of(data, keep.stream().mapToInt(Integer::intValue).toArray());
    }

    private static Inputs of(ImageDataset data, int[] indices) {
        List<Tensor> images = new ArrayList<>();
        int[] labels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            images.add(data.image(indices[i]));
            labels[i] = data.label(indices[i]);
        }
        return new Inputs(Tensor.stack(images, 0), Tensor.ofInts(labels, labels.length), indices, data.classNames());
    }

    private static void checkCount(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("--n must be at least 1, found " + n);
        }
    }

    /** The same inputs with images and labels on {@code device}. */
    public Inputs to(Device device) {
        return new Inputs(images.to(device), labels.to(device), index, classNames);
    }

    /** Number of images. */
    public int size() {
        return index.length;
    }

    /** Channels per image. */
    public int channels() {
        return images.shape(1);
    }
}
