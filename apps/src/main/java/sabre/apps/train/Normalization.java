package sabre.apps.train;

import sabre.apps.report.Provenance;
import sabre.apps.report.RunJson;
import sabre.attacks.Classifier;
import sabre.nn.Module;
import sabre.nn.io.FormatException;
import sabre.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's input normalisation, per channel {@code (x − mean[c]) / std[c]} ({@code --mean/--std}, torchvision's
 * Normalize): {@code sabre train} applies it to every batch after the augmentation and records it in
 * {@code provenance.json}; every later use of the run puts it inside the {@link Classifier}, so data, attacks and
 * ε stay in pixel space [0, 1].
 *
 * <pre>{@code Normalization n = Normalization.of(new double[] {0.286}, new double[] {0.353}); n.classifier(model);}</pre>
 *
 * @param mean per-channel mean, or null for none
 * @param std  per-channel standard deviation, or null for none
 */
public record Normalization(double[] mean, double[] std) {
    /** Images as they are. */
    public static final Normalization NONE = new Normalization(null, null);

    public Normalization {
        if ((mean == null) != (std == null)) {
            throw new IllegalArgumentException("give --mean and --std together");
        }
        if (mean != null) {
            if (mean.length == 0 || mean.length != std.length) {
                throw new IllegalArgumentException("--mean and --std need one value per channel, found "
                        + mean.length + " and " + std.length);
            }
            for (int c = 0; c < mean.length; c++) {
                if (!Double.isFinite(mean[c]) || !(std[c] > 0) || !Double.isFinite(std[c])) {
                    throw new IllegalArgumentException("--mean must be finite and --std positive and finite, found "
                            + "mean " + mean[c] + ", std " + std[c] + " for channel " + c);
                }
            }
            mean = mean.clone();
            std = std.clone();
        }
    }

    /** The normalisation {@code --mean/--std} give (both null: none). */
    public static Normalization of(double[] mean, double[] std) {
        return new Normalization(mean, std);
    }

    /** Whether images go to the model as they are. */
    public boolean none() {
        return mean == null;
    }

    /** Refuses a normalisation for another number of channels than the images have. */
    public void check(int channels) {
        if (!none() && mean.length != channels) {
            throw new IllegalArgumentException("--mean/--std give " + mean.length + " channels, the images have "
                    + channels);
        }
    }

    /** The model as attacks and evaluations see it: pixel-space images in, normalised inside. */
    public Classifier classifier(Module model) {
        return none() ? Classifier.of(model) : Classifier.of(model).normalized(mean, std);
    }

    /** Normalised images [N, C, H, W] (no graph): the training batches. */
    public Tensor apply(Tensor images) {
        if (none()) {
            return images;
        }
        check(images.shape(1));
        Tensor m = Tensor.fromDoubles(images.device(), images.dtype(), mean, 1, mean.length, 1, 1);
        Tensor s = Tensor.fromDoubles(images.device(), images.dtype(), std, 1, std.length, 1, 1);
        return images.sub(m).div(s);
    }

    /** The provenance section: {@code {"mean": [...], "std": [...]}}, or null for none. */
    public Map<String, Object> asMap() {
        if (none()) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mean", Arrays.stream(mean).boxed().toList());
        m.put("std", Arrays.stream(std).boxed().toList());
        return m;
    }

    /** The normalisation the run in {@code files} was trained with. */
    public static Normalization ofRun(RunFiles files) throws IOException {
        return read(Provenance.read(files.provenance()), files.provenance());
    }

    /** The {@code normalization} section of provenance {@code prov} read from {@code file} (absent or null: none). */
    public static Normalization read(Map<String, Object> prov, Path file) throws FormatException {
        if (prov.get("normalization") == null) {
            return NONE;
        }
        Map<?, ?> section = RunJson.object(prov, "normalization", file);
        return of(numbers(section, "mean", file), numbers(section, "std", file));
    }

    private static double[] numbers(Map<?, ?> section, String key, Path file) throws FormatException {
        if (!(section.get(key) instanceof List<?> list) || !list.stream().allMatch(v -> v instanceof Number)) {
            throw new FormatException(file, "field 'normalization." + key + "': expected an array of numbers");
        }
        return list.stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
    }

    /** Whether both normalise the same way. */
    public boolean same(Normalization other) {
        return Arrays.equals(mean, other.mean) && Arrays.equals(std, other.std);
    }

    /** As written on the command line: {@code --mean 0.5 --std 0.25}, or {@code no --mean/--std}. */
    @Override
    public String toString() {
        return none() ? "no --mean/--std" : "--mean " + join(mean) + " --std " + join(std);
    }

    private static String join(double[] v) {
        return String.join(",", Arrays.stream(v).mapToObj(Double::toString).toList());
    }
}
