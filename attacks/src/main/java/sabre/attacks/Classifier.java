package sabre.attacks;

import sabre.autograd.NoGrad;
import sabre.autograd.Var;
import sabre.nn.Module;
import sabre.tensor.Check;
import sabre.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * The model an attack sees: a module that maps pixel-space images in [0, 1] to logits, with the input normalization
 * (per-channel mean and standard deviation) inside it, so every attack works on raw pixels.
 *
 * <pre>{@code Classifier f = Classifier.of(model).normalized(new double[] {0.5}, new double[] {0.25});}</pre>
 */
public final class Classifier {
    private final Module module;
    private final double[] mean;
    private final double[] std;

    private Classifier(Module module, double[] mean, double[] std) {
        this.module = module;
        this.mean = mean;
        this.std = std;
    }

    /** A classifier taking images in [0, 1] as they are (the model was trained without normalization). */
    public static Classifier of(Module module) {
        return new Classifier(module, null, null);
    }

    /** The same model, normalizing each channel c as {@code (x − mean[c]) / std[c]} before the module. */
    public Classifier normalized(double[] channelMean, double[] channelStd) {
        Check.arg(channelMean.length == channelStd.length && channelMean.length > 0, "classifier",
                "mean and std need one value per channel, found %d and %d", channelMean.length, channelStd.length);
        for (double s : channelStd) {
            Check.arg(s > 0 && Double.isFinite(s), "classifier", "std must be positive and finite, found %s", s);
        }
        return new Classifier(module, channelMean.clone(), channelStd.clone());
    }

    /** The wrapped module. */
    public Module module() {
        return module;
    }

    /** Logits [N, classes] of images [N, C, H, W] in pixel space, differentiable with respect to the images. */
    public Var logits(Var images) {
        if (mean == null) {
            return module.forward(images);
        }
        int c = images.shape()[1];
        Check.arg(c == mean.length, "classifier", "normalization has %d channels, images have %d", mean.length, c);
        Tensor m = Tensor.fromDoubles(images.value().device(), images.value().dtype(), mean, 1, c, 1, 1);
        Tensor s = Tensor.fromDoubles(images.value().device(), images.value().dtype(), std, 1, c, 1, 1);
        return module.forward(images.sub(Var.of(m)).div(Var.of(s)));
    }

    /** Logits without recording a graph, in batches of {@code batch} images. */
    public Tensor logits(Tensor images, int batch) {
        Check.positive("classifier", "batch size", batch);
        List<Tensor> parts = new ArrayList<>();
        try (NoGrad scope = NoGrad.enter()) {
            for (int start = 0; start < images.shape(0); start += batch) {
                int len = Math.min(batch, images.shape(0) - start);
                parts.add(logits(Var.of(images.narrow(0, start, len))).value());
            }
        }
        return Tensor.cat(parts, 0);
    }

    /** Predicted classes (argmax of the logits) as INT32 [N]. */
    public Tensor predict(Tensor images) {
        return logits(images, 256).argmax(1, false);
    }

    /**
     * Puts the module in eval mode until the returned scope closes, then restores the mode it found.
     *
     * <pre>{@code try (Classifier.EvalScope s = f.evalScope()) { ... }}</pre>
     */
    public EvalScope evalScope() {
        return new EvalScope(module);
    }

    /** Restores a module's training mode on close. */
    public static final class EvalScope implements AutoCloseable {
        private final Module module;
        private final boolean wasTraining;

        private EvalScope(Module module) {
            this.module = module;
            this.wasTraining = module.isTraining();
            module.eval();
        }

        @Override
        public void close() {
            module.train(wasTraining);
        }
    }
}
