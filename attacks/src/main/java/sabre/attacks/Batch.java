package sabre.attacks;

import sabre.tensor.Check;
import sabre.tensor.DType;
import sabre.tensor.Shape;
import sabre.tensor.Tensor;

/**
 * One validated batch under attack: the images and labels, the class each sample's objective refers to, and what
 * the model made of the clean images. Validation names the problem: images not [N, C, H, W], values outside
 * [0, 1] or not finite, labels of the wrong shape or outside the model's classes.
 *
 * <pre>{@code Batch b = Batch.of(f, images, labels, Goal.untargeted()); boolean[] ok = b.fooled(advLogits);}</pre>
 */
public record Batch(Classifier model, Tensor images, Tensor labels, Tensor aimedAt, boolean targeted,
                    boolean[] cleanCorrect, int classes) {

    /** Validates the inputs and evaluates the clean images (no graph). */
    public static Batch of(Classifier model, Tensor images, Tensor labels, Goal goal) {
        check(images, labels);
        Tensor clean = model.logits(images, 256);
        int classes = clean.shape(1);
        int[] y = labels.toIntArray();
        for (int i = 0; i < y.length; i++) {
            Check.arg(y[i] >= 0 && y[i] < classes, "attack", "label %d of sample %d is outside the model's classes "
                    + "[0, %d)", y[i], i, classes);
        }
        int[] pred = clean.argmax(1, false).toIntArray();
        boolean[] correct = new boolean[y.length];
        for (int i = 0; i < y.length; i++) {
            correct[i] = pred[i] == y[i];
        }
        return new Batch(model, images, labels, goal.aimedAt(images, labels, clean), goal.targeted(), correct, classes);
    }

    /** Shape, range and type checks of images and labels. */
    public static void check(Tensor images, Tensor labels) {
        Check.rank("attack", images, 4, "images [N, C, H, W]");
        Check.floating("attack", images);
        Check.arg(labels.dtype() == DType.INT32, "attack", "labels must be INT32, found %s", labels.dtype());
        Check.rank("attack", labels, 1, "labels [N]");
        Check.arg(labels.shape(0) == images.shape(0), "attack", "%d labels for %d images (images %s)",
                labels.shape(0), images.shape(0), Shape.str(images.shape()));
        double[] v = images.toDoubleArray();
        int per = v.length / Math.max(1, images.shape(0));
        for (int i = 0; i < v.length; i++) {
            Check.arg(v[i] >= 0 && v[i] <= 1, "attack", "images must lie in [0, 1] (pixel space; normalization "
                    + "belongs in the Classifier): sample %d element %d is %s", i / per, i % per, v[i]);
        }
    }

    /** Number of samples. */
    public int size() {
        return cleanCorrect.length;
    }

    /** Per sample: does this prediction reach the goal (another class than the label, or the target)? */
    public boolean[] fooled(Tensor logits) {
        int[] pred = logits.argmax(1, false).toIntArray();
        int[] aim = aimedAt.toIntArray();
        boolean[] out = new boolean[pred.length];
        for (int i = 0; i < pred.length; i++) {
            out[i] = targeted ? pred[i] == aim[i] : pred[i] != aim[i];
        }
        return out;
    }

    /** Measures adversarial images into a result record whose masks mark the changed elements. */
    public AttackResult result(String method, double eps, Tensor adversarial, int[] iterations, double seconds) {
        return result(method, eps, adversarial, adversarial.ne(images).to(images.dtype()), iterations, seconds);
    }

    /** Measures adversarial images into a result record carrying the attack's own 0/1 masks [N, C, H, W]. */
    public AttackResult result(String method, double eps, Tensor adversarial, Tensor masks, int[] iterations,
                               double seconds) {
        Tensor logits = model.logits(adversarial, 256);
        return new AttackResult(method, eps, targeted, adversarial, masks, labels.toIntArray(), aimedAt.toIntArray(),
                logits.argmax(1, false).toIntArray(), cleanCorrect, fooled(logits),
                Distances.between(images, adversarial), iterations, seconds);
    }
}
