package sabre.apps.train;

import sabre.apps.report.MetricsLog;
import sabre.apps.report.Provenance;
import sabre.apps.report.RunJson;
import sabre.augment.BatchAugmentation;
import sabre.data.Datasets;
import sabre.data.ImageDataset;
import sabre.data.OpenedDataset;
import sabre.nn.Module;
import sabre.nn.models.ModelConfig;
import sabre.nn.models.Models;
import sabre.tensor.Device;
import sabre.tensor.Generator;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A training run being set up in its directory: the data set (limited as configured), a freshly initialised model,
 * the input normalisation, and the provenance written for a new run or checked against the config on resume.
 * {@link #prepare} writes nothing (so every option can be checked before the directory is touched), {@link #begin}
 * writes. {@link #reusable} tells whether a directory already holds a finished run of the same config.
 *
 * <pre>{@code TrainRun r = TrainRun.open(cfg, new RunFiles(dir), false); r.train(Device.CPU, System.err, false);}</pre>
 */
public record TrainRun(TrainConfig cfg, OpenedDataset opened, ImageDataset train, ImageDataset test, Module model,
                       RunFiles files, Normalization normalization) {

    /** {@link #prepare} without normalisation, then {@link #begin}. */
    public static TrainRun open(TrainConfig cfg, RunFiles files, boolean resume) throws IOException {
        TrainRun run = prepare(cfg, files, Normalization.NONE);
        run.begin(resume);
        return run;
    }

    /** Opens the data and builds the model; writes nothing. */
    public static TrainRun prepare(TrainConfig cfg, RunFiles files, Normalization normalization) throws IOException {
        OpenedDataset opened = Datasets.open(cfg.data());
        ImageDataset train = limit(opened.train(), cfg.limitTrain());
        ImageDataset test = limit(opened.test(), cfg.limitTest());
        normalization.check(train.channels());
        ModelConfig modelConfig = modelConfig(train);
        Module net = Models.create(cfg.model(), modelConfig, new Generator(cfg.seed()));
        return new TrainRun(cfg, opened, train, test, net, files, normalization);
    }

    /** The model geometry for images like {@code train}'s. */
    public static ModelConfig modelConfig(ImageDataset train) {
        return new ModelConfig(train.channels(), train.height(), train.numClasses());
    }

    /**
     * Writes the provenance of a new run, or on {@code resume} checks it: every hyperparameter and the
     * normalisation must be the run's; more epochs extend the run (its {@code config.epochs} is raised and the
     * extension listed under {@code extensions}; the schedule is a function of the step and the total, so the
     * steps still to come follow the schedule over the new total), fewer are refused.
     */
    public void begin(boolean resume) throws IOException {
        Files.createDirectories(files.dir());
        Path file = files.provenance();
        if (resume) {
            Map<String, Object> saved = Provenance.read(file);
            int before = TrainConfig.fromMap(RunJson.object(saved, "config", file), file).epochs();
            mismatch(files, cfg.withEpochs(before)).ifPresent(m -> {
                throw new IllegalArgumentException("train --resume: " + m);
            });
            Normalization was = Normalization.read(saved, file);
            if (!was.same(normalization)) {
                throw new IllegalArgumentException("train --resume: the run was trained with " + was + ", not "
                        + normalization);
            }
            if (cfg.epochs() < before) {
                throw new IllegalArgumentException("train --resume: --epochs " + cfg.epochs() + " is fewer than "
                        + "the run's " + before + "; a run can be extended, not shortened");
            }
            if (cfg.epochs() > before) {
                extend(saved, before);
                Provenance.rewrite(file, saved);
            }
            return;
        }
        ModelConfig modelConfig = modelConfig(train);
        Map<String, Object> sections = new LinkedHashMap<>();
        sections.put("config", cfg.asMap());
        sections.put("model", Map.of("name", cfg.model(), "in_channels", modelConfig.inChannels(), "image_size",
                modelConfig.imageSize(), "classes", modelConfig.classes(), "parameters", model.parameterCount()));
        sections.put("data", Map.of("spec", opened.spec(), "train_size", train.size(), "test_size", test.size(),
                "classes", train.classNames(), "notice", opened.notice().orElse("")));
        sections.put("transforms", (cfg.augment() ? "to_tensor (/255), the augmentation of augment.json (default "
                + "random_crop(pad=4), random_horizontal_flip(0.5))" : "to_tensor (/255)")
                + (normalization.none() ? "" : ", normalize (section normalization)"));
        sections.put("normalization", normalization.asMap());
        Provenance.write(file, sections);
    }

    /** Raises {@code config.epochs} of {@code saved} from {@code before} to this config's and lists the change. */
    @SuppressWarnings("unchecked")
    private void extend(Map<String, Object> saved, int before) {
        ((Map<String, Object>) saved.get("config")).put("epochs", cfg.epochs());
        Object list = saved.get("extensions");
        List<Object> extensions = list instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>();
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("from_epochs", before);
        entry.put("to_epochs", cfg.epochs());
        extensions.add(entry);
        saved.put("extensions", extensions);
    }

    /** Trains (from the checkpoint when {@code resume}) with crop + flip when the config augments; returns the metrics. */
    public MetricsLog train(Device device, PrintStream log, boolean resume) throws IOException {
        return train(device, log, resume, Trainer.defaultAugmentation(cfg, train), false);
    }

    /**
     * Trains with the batches passed through {@code augmentation}; a non-finite loss or gradient stops the run, or
     * with {@code skipNonFinite} skips the batch.
     */
    public MetricsLog train(Device device, PrintStream log, boolean resume, BatchAugmentation augmentation,
                            boolean skipNonFinite) throws IOException {
        return new Trainer(cfg, model, train, test, device, files, log, augmentation,
                TrainStep.crossEntropy(cfg.labelSmoothing())).skipNonFinite(skipNonFinite).normalized(normalization)
                .run(resume);
    }

    /**
     * Why {@code files} cannot stand in for a finished run of {@code cfg} (no provenance, another config, fewer
     * epochs done, no weights), or empty when it can.
     */
    public static Optional<String> reusable(RunFiles files, TrainConfig cfg) throws IOException {
        if (!Files.exists(files.provenance()) || !Files.exists(files.weights())
                || !Files.exists(files.metricsJson())) {
            return Optional.of(files.dir() + " holds no finished run");
        }
        Optional<String> m = mismatch(files, cfg);
        if (m.isPresent()) {
            return m;
        }
        int done = MetricsLog.read(files.metricsJson()).rows().size();
        return done == cfg.epochs() ? Optional.empty()
                : Optional.of(files.dir() + " finished " + done + " of " + cfg.epochs() + " epochs");
    }

    /** The first hyperparameter whose value in the run's provenance differs from {@code cfg}, described. */
    static Optional<String> mismatch(RunFiles run, TrainConfig cfg) throws IOException {
        Map<String, Object> saved = Provenance.read(run.provenance());
        if (!(saved.get("config") instanceof Map<?, ?> map)) {
            throw new IOException(run.provenance() + ": no 'config' section");
        }
        for (Map.Entry<String, Object> e : cfg.asMap().entrySet()) {
            Object before = map.get(e.getKey());
            if (before == null || !TrainConfig.sameValue(before, e.getValue())) {
                return Optional.of(e.getKey() + " was " + before + " in " + run.provenance() + " but is now "
                        + e.getValue());
            }
        }
        return Optional.empty();
    }

    private static ImageDataset limit(ImageDataset d, int perClass) {
        return perClass > 0 ? d.firstPerClass(perClass) : d;
    }
}
