package sabre.apps.train;

import sabre.apps.report.RunJson;
import sabre.nn.io.FormatException;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every hyperparameter of a training run; saved in {@code provenance.json} and compared on {@code --resume} so a
 * resumed run cannot silently change them.
 *
 * <pre>{@code TrainConfig c = new TrainConfig("resnet20", "fashion-mnist", 30, 128, "sgd", 0.1, 0.9, 5e-4, true,
 *         "cosine", 0, 0.0, true, 1, 0, 0);}</pre>
 */
public record TrainConfig(String model, String data, int epochs, int batch, String optimizer, double lr,
                          double momentum, double weightDecay, boolean nesterov, String schedule, int warmupEpochs,
                          double labelSmoothing, boolean augment, long seed, int limitTrain, int limitTest) {
    public TrainConfig {
        check(epochs > 0, "epochs must be positive, found " + epochs);
        check(batch > 0, "batch must be positive, found " + batch);
        check(lr > 0 && Double.isFinite(lr), "lr must be positive, found " + lr);
        check(momentum >= 0 && momentum < 1, "momentum must be in [0, 1), found " + momentum);
        check(weightDecay >= 0, "weight decay must be >= 0, found " + weightDecay);
        check(warmupEpochs >= 0 && warmupEpochs < epochs, "warm-up epochs must be in [0, epochs), found "
                + warmupEpochs);
        check(labelSmoothing >= 0 && labelSmoothing < 1, "label smoothing must be in [0, 1), found " + labelSmoothing);
        check(limitTrain >= 0 && limitTest >= 0, "limits must be >= 0 (0 = all)");
        check(TrainingParts.OPTIMIZERS.contains(optimizer), "unknown optimizer '" + optimizer + "' ("
                + String.join(", ", TrainingParts.OPTIMIZERS) + ")");
        check(TrainingParts.SCHEDULES.contains(schedule), "unknown schedule '" + schedule + "' ("
                + String.join(", ", TrainingParts.SCHEDULES) + ")");
    }

    /** Whether two values of a config field are the same (numbers by value: 1 = 1.0). */
    public static boolean sameValue(Object a, Object b) {
        return String.valueOf(a).equals(String.valueOf(b))
                || a instanceof Number x && b instanceof Number y && x.doubleValue() == y.doubleValue();
    }

    /** The same run over {@code total} epochs (a resumed run extended: see {@link TrainRun#begin}). */
    public TrainConfig withEpochs(int total) {
        return new TrainConfig(model, data, total, batch, optimizer, lr, momentum, weightDecay, nesterov, schedule,
                warmupEpochs, labelSmoothing, augment, seed, limitTrain, limitTest);
    }

    /** The configuration saved as the {@code config} section of {@code file} ({@link #asMap}). */
    public static TrainConfig fromMap(Map<?, ?> m, Path file) throws FormatException {
        try {
            return new TrainConfig(RunJson.string(m, "config.model", file), RunJson.string(m, "config.data", file),
                    number(m, "epochs", file).intValue(), number(m, "batch", file).intValue(),
                    RunJson.string(m, "config.optimizer", file), number(m, "lr", file).doubleValue(),
                    number(m, "momentum", file).doubleValue(), number(m, "weight_decay", file).doubleValue(),
                    flag(m, "nesterov", file), RunJson.string(m, "config.schedule", file),
                    number(m, "warmup_epochs", file).intValue(), number(m, "label_smoothing", file).doubleValue(),
                    flag(m, "augment", file), number(m, "seed", file).longValue(),
                    number(m, "limit_train", file).intValue(), number(m, "limit_test", file).intValue());
        } catch (IllegalArgumentException e) {
            throw new FormatException(file, "section 'config': " + e.getMessage());
        }
    }

    private static Number number(Map<?, ?> m, String key, Path file) throws FormatException {
        if (!(m.get(key) instanceof Number n)) {
            throw new FormatException(file, "field 'config." + key + "': expected a number, found " + m.get(key));
        }
        return n;
    }

    private static boolean flag(Map<?, ?> m, String key, Path file) throws FormatException {
        if (!(m.get(key) instanceof Boolean b)) {
            throw new FormatException(file, "field 'config." + key + "': expected true or false, found " + m.get(key));
        }
        return b;
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("train: " + message);
        }
    }

    /** The configuration as ordered name → value pairs (for provenance and comparison on resume). */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model);
        m.put("data", data);
        m.put("epochs", epochs);
        m.put("batch", batch);
        m.put("optimizer", optimizer);
        m.put("lr", lr);
        m.put("momentum", momentum);
        m.put("weight_decay", weightDecay);
        m.put("nesterov", nesterov);
        m.put("schedule", schedule);
        m.put("warmup_epochs", warmupEpochs);
        m.put("label_smoothing", labelSmoothing);
        m.put("augment", augment);
        m.put("seed", seed);
        m.put("limit_train", limitTrain);
        m.put("limit_test", limitTest);
        return m;
    }
}
