package sabre.apps.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sabre.apps.report.Provenance;
import sabre.apps.train.AugmentationSpec;
import sabre.apps.train.RunFiles;
import sabre.apps.train.TrainConfig;
import sabre.apps.train.TrainRun;
import sabre.apps.train.TrainedModel;
import sabre.augment.Augmentations;
import sabre.augment.BatchAugmentation;
import sabre.nn.models.ModelConfig;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code sabre train}: trains a classifier and leaves metrics, curves, provenance and checkpoints in a run dir. */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train a classifier.")
public final class TrainCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "Architecture (see `sabre eval --list-models`): "
            + "smallcnn, resnet20, resnet18, preact18, wrn-28-10, shakeshake26-2x32d, ...")
    String model;

    @Option(names = "--data", defaultValue = "fashion-mnist", description = "Data set: fashion-mnist, "
            + "fashion-mnist-subset, mnist:DIR, cifar10:DIR, cifar100:DIR, tiny-imagenet:DIR, folder:DIR "
            + "(default: ${DEFAULT-VALUE}).")
    String data;

    @Option(names = "--epochs", defaultValue = "30", description = "Epochs (default: ${DEFAULT-VALUE}).")
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

    @Option(names = "--resume", description = "Continue the run in --out from its last checkpoint.")
    boolean resume;

    @Option(names = "--init-weights", description = "Start from these weights (a safetensors state dict such as a "
            + "run's model.safetensors) instead of a random initialisation: fine-tuning, e.g. on the images of `sabre "
            + "feedback export`.")
    Path initWeights;

    @Mixin
    DeviceOptions device;

    @Override
    public Integer call() throws Exception {
        if (noAugment && !augment.equals("crop-flip") && !augment.equals("none")) {
            throw new IllegalArgumentException("--no-augment contradicts --augment " + augment);
        }
        String name = noAugment ? "none" : augment;
        if (Augmentations.needsPoints(name) && advmaskPoints == null) {
            throw new IllegalArgumentException("--augment " + name + " needs --advmask-points FILE (from sabre "
                    + "advmask generate)");
        }
        AugmentationSpec spec = new AugmentationSpec(name, advmaskPoints, advmaskReleased);
        TrainConfig cfg = new TrainConfig(model, data, epochs, batch, optimizer, lr, momentum, weightDecay, !noNesterov,
                schedule, warmup, labelSmoothing, !name.equals("none"), seed, limitTrain, limitTest);
        if (initWeights != null && resume) {
            throw new IllegalArgumentException("--init-weights starts a new run from weights; --resume continues one");
        }
        TrainRun run = TrainRun.open(cfg, new RunFiles(out), resume);
        spec.record(out, resume);
        if (initWeights != null) {
            TrainedModel.load(run.model(), model, new ModelConfig(run.train().channels(), run.train().height(),
                    run.train().numClasses()), TrainedModel.readWeights(initWeights), initWeights);
            Provenance.write(out.resolve("init-weights.json"), java.util.Map.of("weights",
                    initWeights.toAbsolutePath().toString(), "bytes", java.nio.file.Files.size(initWeights)));
            System.err.println("starting from the weights in " + initWeights);
        }
        BatchAugmentation augmentation = spec.build(run.train(), seed, data);
        run.opened().notice().ifPresent(System.err::println);
        System.err.printf("training %s (%,d parameters) on %s: %d train / %d test images, augment %s, device %s%n",
                model, run.model().parameterCount(), run.opened().spec(), run.train().size(), run.test().size(), name,
                device.select());
        run.train(device.select(), System.err, resume, augmentation, skipNonFinite);
        System.err.println("run directory: " + out.toAbsolutePath());
        return 0;
    }
}
