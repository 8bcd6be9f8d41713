package sabre.apps.train;

import sabre.apps.report.ConfusionMatrix;
import sabre.attacks.Classifier;
import sabre.autograd.F;
import sabre.autograd.NoGrad;
import sabre.autograd.Var;
import sabre.data.Batch;
import sabre.data.DataLoader;
import sabre.data.ImageDataset;
import sabre.nn.Module;
import sabre.tensor.Device;

/**
 * Evaluates a classifier (its normalisation inside) on a data set in eval mode without recording a graph: mean
 * cross-entropy and the confusion matrix (accuracy, per-class accuracy). The module's previous mode is restored.
 *
 * <pre>{@code Evaluation.Result r = Evaluation.run(Classifier.of(model), test, 256, Device.CPU);}</pre>
 */
public final class Evaluation {
    private Evaluation() {
    }

    /** Mean loss and the confusion matrix. */
    public record Result(double loss, ConfusionMatrix confusion) {
        public double accuracy() {
            return confusion.accuracy();
        }
    }

    public static Result run(Classifier f, ImageDataset data, int batchSize, Device device) {
        Module model = f.module();
        boolean wasTraining = model.isTraining();
        model.eval();
        ConfusionMatrix cm = new ConfusionMatrix(data.classNames());
        double lossSum = 0;
        try (NoGrad scope = NoGrad.enter();
             DataLoader loader = DataLoader.builder(data).batchSize(batchSize).build()) {
            for (Batch b : loader.epoch(0)) {
                Var logits = f.logits(Var.of(b.images().to(device)));
                lossSum += F.crossEntropy(logits, b.labels().to(device), 0, F.Reduction.SUM).value().item();
                int[] predicted = logits.value().argmax(1, false).toIntArray();
                int[] labels = b.labels().toIntArray();
                for (int i = 0; i < labels.length; i++) {
                    cm.add(labels[i], predicted[i]);
                }
            }
        } finally {
            model.train(wasTraining);
        }
        return new Result(lossSum / Math.max(1, data.size()), cm);
    }
}
