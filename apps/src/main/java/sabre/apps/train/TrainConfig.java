package sabre.apps.train;

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
