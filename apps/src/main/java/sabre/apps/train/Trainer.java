package sabre.apps.train;

import sabre.apps.report.LinePlot;
import sabre.apps.report.MetricsLog;
import sabre.apps.report.ProgressBar;
import sabre.augment.Augmentations;
import sabre.augment.BatchAugmentation;
import sabre.augment.Fill;
import sabre.autograd.Var;
import sabre.data.Batch;
import sabre.data.DataLoader;
import sabre.data.ImageDataset;
import sabre.nn.Module;
import sabre.nn.Stateful;
import sabre.nn.io.Checkpoint;
import sabre.nn.io.SafeTensors;
import sabre.nn.optim.LrSchedule;
import sabre.nn.optim.Optimizer;
import sabre.tensor.Device;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The training loop behind {@code sabre train}: SGD/Adam over seeded, augmented mini-batches, a per-step learning
 * rate, test evaluation after every epoch, metrics (CSV, JSON, PNG curves) and an atomic checkpoint per epoch.
 *
 * <p>Determinism: batches are a function of (seed, epoch), the schedule of the step index, and the checkpoint holds
 * the model, the optimizer and every generator of the model (dropout, Shake-Shake); so a run resumed from the
 * checkpoint of epoch k continues with exactly the bits an uninterrupted run would have (same backend). A NaN or
 * ±Inf loss, gradient or parameter stops the run before the epoch's checkpoint (or skips the batch, see
 * {@link NonFiniteGuard}).
 *
 * <p>Augmentation: the loader hands over the images as the data set holds them, with their data-set indices; a
 * {@link BatchAugmentation} (crop + flip by default, see {@link Augmentations} for the order of the masking methods
 * around them) turns each batch into the training batch, and a {@link TrainStep} computes the loss from it.
 *
 * <pre>{@code new Trainer(cfg, model, train, test, Device.CPU, new RunFiles(dir), System.err).run(false);}</pre>
 */
public final class Trainer {
    private final TrainConfig cfg;
    private final Module model;
    private final ImageDataset train;
    private final ImageDataset test;
    private final Device device;
    private final RunFiles run;
    private final PrintStream out;
    private final BatchAugmentation augmentation;
    private final TrainStep trainStep;
    private boolean skipNonFinite;
    private Normalization normalization = Normalization.NONE;

    public Trainer(TrainConfig cfg, Module model, ImageDataset train, ImageDataset test, Device device, RunFiles run,
                   PrintStream out) {
        this(cfg, model, train, test, device, run, out, defaultAugmentation(cfg, train),
                TrainStep.crossEntropy(cfg.labelSmoothing()));
    }

    /**
     * A trainer whose batches pass through {@code augmentation} (which sees each sample's data-set index, the epoch
     * and the run's epochs; the loader itself no longer transforms) and whose loss is {@code step}'s.
     */
    public Trainer(TrainConfig cfg, Module model, ImageDataset train, ImageDataset test, Device device, RunFiles run,
                   PrintStream out, BatchAugmentation augmentation, TrainStep step) {
        this.augmentation = augmentation;
        this.trainStep = step;
        this.cfg = cfg;
        this.model = model;
        this.train = train;
        this.test = test;
        this.device = device;
        this.run = run;
        this.out = out;
    }

    /** Random crop (4 pixels of zero padding) and horizontal flip per sample when the config augments, else none. */
    static BatchAugmentation defaultAugmentation(TrainConfig cfg, ImageDataset train) {
        return Augmentations.create(cfg.augment() ? "crop-flip" : "none",
                Augmentations.options(cfg.seed(), train.height(), train.width(), Fill.constant(0)));
    }

    /** Skips batches with a non-finite loss or gradient instead of stopping ({@link NonFiniteGuard}). */
    public Trainer skipNonFinite(boolean skip) {
        this.skipNonFinite = skip;
        return this;
    }

    /** Normalises every batch after the augmentation, and the test images, with {@code n} (default: none). */
    public Trainer normalized(Normalization n) {
        this.normalization = n;
        return this;
    }

    /** Trains from scratch, or from the run's checkpoint when {@code resume}; returns the metrics. */
    public MetricsLog run(boolean resume) throws IOException {
        return runEpochs(resume, cfg.epochs());
    }

    /** Like {@link #run} but stops after epoch {@code stopAfter} (1-based), as an interrupted run would. */
    MetricsLog runEpochs(boolean resume, int stopAfter) throws IOException {
        model.to(device);
        try (DataLoader loader = DataLoader.builder(train).batchSize(cfg.batch()).shuffle(true).seed(cfg.seed())
                .dropLast(train.size() >= cfg.batch()).build()) {
            Optimizer optimizer = TrainingParts.optimizer(cfg, model.parameters());
            LrSchedule schedule = TrainingParts.schedule(cfg, loader.batchCount());
            MetricsLog metrics = resume ? MetricsLog.read(run.metricsJson()) : new MetricsLog();
            int start = resume && Files.exists(run.checkpoint()) ? restore(optimizer) : 0; // none: killed in epoch 1
            metrics = metrics.firstRows(start); // rows of an epoch killed before its checkpoint are redone
            for (int epoch = start; epoch < Math.min(stopAfter, cfg.epochs()); epoch++) {
                long t0 = System.nanoTime();
                double[] trainStats = trainEpoch(loader, optimizer, schedule, epoch);
                Evaluation.Result eval = Evaluation.run(normalization.classifier(model), test,
                        Math.max(cfg.batch(), 256), device);
                double seconds = (System.nanoTime() - t0) / 1e9;
                Map<String, Double> row = new LinkedHashMap<>();
                row.put("epoch", (double) (epoch + 1));
                row.put("lr", optimizer.lr());
                row.put("train_loss", trainStats[0]);
                row.put("train_acc", trainStats[1]);
                row.put("test_loss", eval.loss());
                row.put("test_acc", eval.accuracy());
                row.put("seconds", seconds);
                row.put("train_images_per_s", trainStats[2]);
                metrics.add(row);
                out.printf("epoch %d/%d: train loss %.4f acc %.2f%%, test loss %.4f acc %.2f%%, %.1f s%n", epoch + 1,
                        cfg.epochs(), trainStats[0], 100 * trainStats[1], eval.loss(), 100 * eval.accuracy(), seconds);
                save(metrics, optimizer, epoch);
            }
            return metrics;
        }
    }

    /** One epoch; returns {mean loss, accuracy, images per second}. */
    private double[] trainEpoch(DataLoader loader, Optimizer optimizer, LrSchedule schedule, int epoch) {
        model.train(true);
        ProgressBar bar = new ProgressBar(out, "epoch " + (epoch + 1) + "/" + cfg.epochs(), loader.batchCount());
        double lossSum = 0;
        long correct = 0;
        long seen = 0;
        int step = 0;
        long t0 = System.nanoTime();
        NonFiniteGuard guard = new NonFiniteGuard(model, skipNonFinite, out);
        for (Batch raw : loader.epoch(epoch)) {
            Batch b = new Batch(normalization.apply(augmentation.apply(raw.images(), raw.indices(), epoch,
                    cfg.epochs())), raw.labels(), raw.indices());
            schedule.apply(optimizer, epoch * loader.batchCount() + step);
            TrainStep.Output output = trainStep.run(model, b, device);
            Var logits = output.logits();
            Var loss = output.loss();
            loss.backward();
            boolean updated = guard.update(epoch, step, loss, optimizer); // stops, or skips, on NaN/Inf
            optimizer.zeroGrad();
            int n = updated ? b.size() : 0;
            lossSum += n == 0 ? 0 : loss.value().item() * n;
            correct += n == 0 ? 0 : countCorrect(logits, b);
            seen += n;
            step++;
            bar.update(step, lossSum / seen, (double) correct / seen, seen);
        }
        guard.finishEpoch(epoch);
        bar.finish(step, lossSum / Math.max(seen, 1), (double) correct / Math.max(seen, 1), seen);
        return new double[] {lossSum / Math.max(seen, 1), (double) correct / Math.max(seen, 1),
                seen / ((System.nanoTime() - t0) / 1e9)};
    }

    private static long countCorrect(Var logits, Batch b) {
        int[] predicted = logits.value().argmax(1, false).toIntArray();
        int[] labels = b.labels().toIntArray();
        long c = 0;
        for (int i = 0; i < labels.length; i++) {
            c += predicted[i] == labels[i] ? 1 : 0;
        }
        return c;
    }

    /** Writes metrics, plots, the checkpoint and the weights after epoch {@code epoch} (0-based). */
    private void save(MetricsLog metrics, Optimizer optimizer, int epoch) throws IOException {
        metrics.write(run.dir());
        double[] epochs = metrics.column("epoch");
        String what = cfg.model() + " on " + cfg.data();
        new LinePlot("loss: " + what, "epoch", "cross-entropy").wholeX()
                .series("train", epochs, metrics.column("train_loss"))
                .series("test", epochs, metrics.column("test_loss")).write(run.lossPlot());
        new LinePlot("accuracy: " + what, "epoch", "accuracy").wholeX().percent()
                .series("train", epochs, metrics.column("train_acc"))
                .series("test", epochs, metrics.column("test_acc")).write(run.accuracyPlot());
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("epochs_done", Integer.toString(epoch + 1));
        // sorted: Map.of's order changes from JVM to JVM, and with it the file's bytes
        SafeTensors.write(run.weights(), model.stateDict(),
                new TreeMap<>(Map.of("format", "pt", "model", cfg.model())));
        // the checkpoint last: once it names epoch k, every file of epoch k is complete (a kill before it redoes k)
        Checkpoint.save(run.checkpoint(), model, Map.<String, Stateful>of("optimizer", optimizer), meta);
    }

    /** Restores model (with its generators) and optimizer from the run's checkpoint; returns the next epoch. */
    private int restore(Optimizer optimizer) throws IOException {
        Checkpoint c = Checkpoint.load(run.checkpoint());
        c.restoreModel(model);
        c.restore("optimizer", optimizer);
        int done = Integer.parseInt(c.metadata("epochs_done"));
        out.printf("resuming %s after epoch %d of %d%n", run.dir(), done, cfg.epochs());
        return done;
    }
}
