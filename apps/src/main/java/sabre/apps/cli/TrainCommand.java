package sabre.apps.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sabre.apps.report.Provenance;
import sabre.apps.report.RunJson;
import sabre.apps.train.AugmentationSpec;
import sabre.apps.train.Normalization;
import sabre.apps.train.RunFiles;
import sabre.apps.train.TrainConfig;
import sabre.apps.train.TrainRun;
import sabre.apps.train.TrainedModel;
import sabre.augment.Augmentations;
import sabre.augment.BatchAugmentation;
import sabre.tensor.Device;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code sabre train}: trains a classifier and leaves metrics, curves, provenance and checkpoints in a run dir. Every
 * option is checked (data, model, hyperparameters, augmentation, weights, normalisation, device) before anything is
 * written; a directory that holds a run is refused unless {@code --force} (start over) or {@code --resume} (continue
 * it with its own options from {@code provenance.json}, which only {@code --epochs} may change: extend).
 */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train a classifier.")
public final class TrainCommand implements Callable<Integer> {
    /** The options a resumed run takes from its provenance, with their {@code config} key. */
    private static final Map<String, String> CONFIG_OPTIONS = configOptions();

    @Spec
    CommandSpec spec;

    @Option(names = "--model", description = "Architecture (see `sabre eval --list-models`; any case): "
            + "smallcnn, resnet20, resnet18, preact18, wrn-28-10, shakeshake26-2x32d, ...")
    String model;

    @Option(names = "--data", defaultValue = "fashion-mnist", description = "Data set: fashion-mnist, "
            + "fashion-mnist-subset, mnist:DIR, cifar10:DIR, cifar100:DIR, tiny-imagenet:DIR, folder:DIR "
            + "(default: ${DEFAULT-VALUE}).")
    String data;

    @Option(names = "--epochs", defaultValue = "30", description = "Epochs (default: ${DEFAULT-VALUE}); with --resume, "
            + "more than the run's extend it (the schedule then runs over the new total).")
    int epochs;

    @Option(names = "--batch", defaultValue = "128", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--optimizer", defaultValue = "sgd", description = "sgd, adam or adamw (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--lr", defaultValue = "0.1", description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--momentum", defaultValue = "0.9", description = "SGD momentum (default: ${DEFAULT-VALUE}).")
    double momentum;

    @Option(names = "--weight-decay", defaultValue = "5e-4", description = "Weight decay (default: ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--no-nesterov", description = "Plain instead of Nesterov momentum.")
    boolean noNesterov;

    @Option(names = "--schedule", defaultValue = "cosine", description = "cosine, step, multistep or constant, "
            + "per optimizer step (default: ${DEFAULT-VALUE}).")
    String schedule;

    @Option(names = "--warmup", defaultValue = "0", description = "Linear warm-up epochs (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--label-smoothing", defaultValue = "0", description = "Label smoothing (default: ${DEFAULT-VALUE}).")
    double labelSmoothing;

    @Option(names = "--no-augment", description = "No random crop (pad 4) and horizontal flip (= --augment none).")
    boolean noAugment;

    @Option(names = "--augment", defaultValue = "crop-flip", description = "Augmentation: none, crop-flip, cutout, "
            + "erasing, hideandseek, gridmask, advmask, adv, random-mask, corner-mask (default: ${DEFAULT-VALUE}; "
            + "see docs/augment.md).")
    String augment;

    @Option(names = "--advmask-points", description = "Sensitive points of every training image (from `sabre "
            + "advmask generate`), for advmask, adv and random-mask.")
    Path advmaskPoints;

    @Option(names = "--advmask-released", description = "AdvMask as the authors' released code does it (GridMask "
            + "fallback, buggy shuffle, mask not aligned with the crop, one flip per batch).")
    boolean advmaskReleased;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--limit-train", defaultValue = "0", description = "Use only the first N training images per class "
            + "(0 = all).")
    int limitTrain;

    @Option(names = "--limit-test", defaultValue = "0", description = "Use only the first N test images per class (0 = all).")
    int limitTest;

    @Option(names = "--out", required = true, description = "Run directory.")
    Path out;

    @Option(names = "--skip-nonfinite", description = "Skip a batch whose loss or gradient is NaN or infinite "
            + "(default: stop, naming the step and tensor, keeping the last epoch's checkpoint).")
    boolean skipNonFinite;

    @Option(names = "--resume", description = "Continue the run in --out from its last checkpoint, with the options "
            + "in its provenance.json (give only --out DIR --resume, and --epochs N to extend it).")
    boolean resume;

    @Option(names = "--force", description = "Overwrite the run that --out holds (its files are deleted first).")
    boolean force;

    @Option(names = "--mean", split = ",", description = "Per-channel mean to subtract from every batch (torchvision "
            + "Normalize), with --std; saved in provenance.json and applied by every later use of the run.")
    double[] mean;

    @Option(names = "--std", split = ",", description = "Per-channel standard deviation, with --mean.")
    double[] std;

    @Option(names = "--init-weights", description = "Start from these weights (a safetensors state dict such as a "
            + "run's model.safetensors) instead of a random initialisation: fine-tuning, e.g. on the images of `sabre "
            + "feedback export`.")
    Path initWeights;

    @Mixin
    DeviceOptions device;

    @Override
    public Integer call() throws Exception {
        RunFiles files = new RunFiles(out);
        TrainConfig cfg;
        AugmentationSpec augmentationSpec;
        Normalization normalization;
        if (resume) {
            if (initWeights != null || force) {
                throw new IllegalArgumentException((force ? "--force starts the run over" : "--init-weights starts a "
                        + "new run from weights") + "; --resume continues one");
            }
            Map<String, Object> saved = Provenance.read(files.provenance());
            TrainConfig was = TrainConfig.fromMap(RunJson.object(saved, "config", files.provenance()),
                    files.provenance());
            refuseContradictions(was.asMap(), files.provenance());
            cfg = given("--epochs") ? was.withEpochs(epochs) : was;
            augmentationSpec = AugmentationSpec.read(out, was);
            if (Stream.of("--augment", "--no-augment", "--advmask-points", "--advmask-released").anyMatch(this::given)
                    && !augmentation().equals(augmentationSpec)) {
                throw new IllegalArgumentException("train --resume: --augment and its options contradict the run's "
                        + augmentationSpec + " (augment.json); --resume continues the run with its own options");
            }
            normalization = Normalization.read(saved, files.provenance());
            if ((given("--mean") || given("--std")) && !Normalization.of(mean, std).same(normalization)) {
                throw new IllegalArgumentException("train --resume: " + Normalization.of(mean, std)
                        + " contradicts the run's " + normalization + " (" + files.provenance() + ")");
            }
        } else {
            if (model == null) {
                throw new IllegalArgumentException("--model is required (or --resume, to continue the run in --out)");
            }
            if (files.holdsRun() && !force) {
                throw new IllegalArgumentException(out + " already holds a training run; give --resume to continue "
                        + "it, --force to overwrite it, or another --out");
            }
            augmentationSpec = augmentation();
            cfg = new TrainConfig(model.toLowerCase(Locale.ROOT), data, epochs, batch, optimizer, lr, momentum,
                    weightDecay, !noNesterov, schedule, warmup, labelSmoothing, !augmentationSpec.name().equals("none"),
                    seed, limitTrain, limitTest);
            normalization = Normalization.of(mean, std);
        }
        // every check that can fail comes before the first write
        TrainRun run = TrainRun.prepare(cfg, files, normalization);
        BatchAugmentation augmentation = augmentationSpec.build(run.train(), cfg.seed(), cfg.data());
        if (initWeights != null) {
            TrainedModel.load(run.model(), cfg.model(), TrainRun.modelConfig(run.train()),
                    TrainedModel.readWeights(initWeights), initWeights);
        }
        Device d = device.select();
        if (force) {
            files.clear();
        }
        run.begin(resume);
        augmentationSpec.record(out, resume);
        if (initWeights != null) {
            Provenance.write(out.resolve("init-weights.json"), Map.of("weights",
                    initWeights.toAbsolutePath().toString(), "bytes", Files.size(initWeights)));
            System.err.println("starting from the weights in " + initWeights);
        }
        run.opened().notice().ifPresent(System.err::println);
        System.err.printf("training %s (%,d parameters) on %s: %d train / %d test images, augment %s, device %s%n",
                cfg.model(), run.model().parameterCount(), run.opened().spec(), run.train().size(), run.test().size(),
                augmentationSpec.name(), d);
        run.train(d, System.err, resume, augmentation, skipNonFinite);
        System.err.println("run directory: " + out.toAbsolutePath());
        return 0;
    }

    /** The augmentation the options name (checked). */
    private AugmentationSpec augmentation() {
        if (noAugment && !augment.equals("crop-flip") && !augment.equals("none")) {
            throw new IllegalArgumentException("--no-augment contradicts --augment " + augment);
        }
        String name = noAugment ? "none" : augment;
        if (Augmentations.needsPoints(name) && advmaskPoints == null) {
            throw new IllegalArgumentException("--augment " + name + " needs --advmask-points FILE (from sabre "
                    + "advmask generate)");
        }
        return new AugmentationSpec(name, advmaskPoints, advmaskReleased);
    }

    /** Whether {@code option} was given on the command line (not defaulted). */
    private boolean given(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    /** Refuses, on resume, a given option whose value is not the run's ({@code saved}, its config section). */
    private void refuseContradictions(Map<String, Object> saved, Path file) {
        Map<String, Object> typed = new LinkedHashMap<>();
        typed.put("model", model == null ? null : model.toLowerCase(Locale.ROOT));
        typed.put("data", data);
        typed.put("batch", batch);
        typed.put("optimizer", optimizer);
        typed.put("lr", lr);
        typed.put("momentum", momentum);
        typed.put("weight_decay", weightDecay);
        typed.put("nesterov", !noNesterov);
        typed.put("schedule", schedule);
        typed.put("warmup_epochs", warmup);
        typed.put("label_smoothing", labelSmoothing);
        typed.put("seed", seed);
        typed.put("limit_train", limitTrain);
        typed.put("limit_test", limitTest);
        for (Map.Entry<String, String> o : CONFIG_OPTIONS.entrySet()) {
            Object now = typed.get(o.getValue());
            Object before = saved.get(o.getValue());
            if (given(o.getKey()) && !TrainConfig.sameValue(now, before)) {
                throw new IllegalArgumentException("train --resume: " + o.getKey() + " " + now + " contradicts the "
                        + "run's " + o.getValue() + " " + before + " (" + file + "); --resume continues the run with "
                        + "its own options (only --epochs may change, to extend it)");
            }
        }
    }

    private static Map<String, String> configOptions() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("--model", "model");
        m.put("--data", "data");
        m.put("--batch", "batch");
        m.put("--optimizer", "optimizer");
        m.put("--lr", "lr");
        m.put("--momentum", "momentum");
        m.put("--weight-decay", "weight_decay");
        m.put("--no-nesterov", "nesterov");
        m.put("--schedule", "schedule");
        m.put("--warmup", "warmup_epochs");
        m.put("--label-smoothing", "label_smoothing");
        m.put("--seed", "seed");
        m.put("--limit-train", "limit_train");
        m.put("--limit-test", "limit_test");
        return m;
    }
}
