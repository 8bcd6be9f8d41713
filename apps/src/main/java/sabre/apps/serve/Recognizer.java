package sabre.apps.serve;

import sabre.apps.cam.ClassActivation;
import sabre.apps.cam.Overlay;
import sabre.autograd.NoGrad;
import sabre.autograd.Var;
import sabre.data.DatasetFormatException;
import sabre.data.ImageDataset;
import sabre.data.ImageFiles;
import sabre.nn.models.FeatureClassifier;
import sabre.tensor.Device;
import sabre.tensor.Tensor;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Recognises one uploaded image: checks it ({@link UploadCheck}), decodes and converts it as the model's data set
 * was ({@link ImageFiles#decode}: grey or RGB, bilinear resize to the model's size, pixels / 255), runs the model
 * once with Grad-CAM for the predicted class ({@link ClassActivation}), and renders the overlay. One image at a time
 * (the model is shared): callers queue on this object's lock.
 *
 * <pre>{@code Recognizer.Result r = new Recognizer(served, check, Device.CPU).recognize(uploadBytes);}</pre>
 */
public final class Recognizer {
    /** How many classes a result lists. */
    public static final int TOP = 5;

    private final ServedModel served;
    private final UploadCheck check;
    private final Device device;

    public Recognizer(ServedModel served, UploadCheck check, Device device) {
        this.served = served;
        this.check = check;
        this.device = device;
    }

    /** One class and its probability. */
    public record Guess(int index, String name, double probability) {
        /** The probability in percent, one decimal. */
        public String percent() {
            return String.format(Locale.ROOT, "%.1f", 100 * probability);
        }

        /** The class's article name ({@link Slugs}). */
        public String slug() {
            return Slugs.of(name);
        }
    }

    /**
     * The model's input (CHW bytes at the model's size), every class's probability, the top classes, the input |
     * Grad-CAM overlay as PNG, and the wall time from upload bytes to overlay in milliseconds.
     */
    public record Result(byte[] input, float[] probabilities, List<Guess> top, byte[] overlayPng, double millis) {
        public int predicted() {
            return top.get(0).index();
        }
    }

    public ServedModel served() {
        return served;
    }

    /** Recognises {@code upload} (PNG or JPEG bytes); bad input raises {@link HttpError}. */
    public Result recognize(byte[] upload) {
        long start = System.nanoTime();
        check.check(upload);
        byte[] chw;
        try {
            chw = ImageFiles.decode(upload, "upload", served.colorMode(), served.size(), served.size());
        } catch (DatasetFormatException e) {
            throw HttpError.badRequest("The image could not be decoded: it is truncated or corrupt.");
        } catch (IOException e) {
            throw HttpError.badRequest("The image could not be read.");
        }
        Tensor x = toTensor(chw);
        ClassActivation.Maps maps;
        synchronized (this) {
            maps = ClassActivation.gradCam((FeatureClassifier) served.model(),
                    served.normalization().apply(x.to(device)), null);
        }
        float[] p = maps.logits().to(Device.CPU).softmax(1).toFloatArray();
        Tensor heat = maps.heatmaps().to(Device.CPU).select(0, 0).select(0, 0);
        byte[] overlay = Pictures.png(Overlay.render(x.select(0, 0), heat, 1));
        return new Result(chw, p, top(p), overlay, (System.nanoTime() - start) / 1e6);
    }

    /** The predicted class of CHW bytes at the model's size (no Grad-CAM): the quiz's opponent. */
    public int classify(byte[] chw) {
        Tensor logits;
        synchronized (this) {
            try (NoGrad scope = NoGrad.enter()) {
                logits = served.model().forward(Var.of(served.normalization().apply(toTensor(chw).to(device))))
                        .value().to(Device.CPU);
            }
        }
        return logits.argmax(1, false).toIntArray()[0];
    }

    private Tensor toTensor(byte[] chw) {
        int n = served.size();
        return ImageDataset.of(served.channels(), n, n, new byte[][] {chw}, new int[] {0}, served.classes()).image(0)
                .reshape(1, served.channels(), n, n);
    }

    private List<Guess> top(float[] p) {
        List<Guess> out = new ArrayList<>();
        IntStream.range(0, p.length).boxed().sorted(Comparator.comparingDouble((Integer i) -> -p[i]))
                .limit(TOP).forEach(i -> out.add(new Guess(i, served.classes().get(i), p[i])));
        return out;
    }
}
