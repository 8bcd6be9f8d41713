package sabre.apps.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sabre.apps.advmask.PointGeneration;
import sabre.apps.report.Provenance;
import sabre.apps.train.Normalization;
import sabre.apps.train.RunFiles;
import sabre.apps.train.TrainedModel;
import sabre.augment.SensitivePixels;
import sabre.data.Datasets;
import sabre.data.ImageDataset;
import sabre.nn.Module;
import sabre.tensor.Device;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code sabre advmask}: AdvMask's offline stage. */
@Command(name = "advmask", mixinStandardHelpOptions = true, description = "AdvMask's offline stage.",
        subcommands = {AdvmaskCommand.Generate.class})
public final class AdvmaskCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** {@code sabre advmask generate}: the sensitive points of every training image, resumable. */
    @Command(name = "generate", mixinStandardHelpOptions = true, description = "Find every training image's "
            + "sensitive pixels with the base model (resumable: rerun the same command after a kill).")
    public static final class Generate implements Callable<Integer> {
        @Option(names = "--run", required = true, description = "Run directory of the base model (sabre train).")
        Path runDir;

        @Option(names = "--out", required = true, description = "Points file to write (.safetensors).")
        Path out;

        @Option(names = "--data", description = "Training data (default: the run's --data).")
        String data;

        @Option(names = "--limit-train", description = "First N training images per class, as for sabre train "
                + "(default: the run's).")
        Integer limitTrain;

        @Option(names = "--batch", defaultValue = "100", description = "Images per batch (default: ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--steps", defaultValue = "100", description = "Sparse-stage pruning steps (default: "
                + "${DEFAULT-VALUE}).")
        int steps;

        @Option(names = "--dense-steps", defaultValue = "80", description = "Dense-stage iterations (default: "
                + "${DEFAULT-VALUE}, AdvMask's; fewer for a quick trial).")
        int denseSteps;

        @Option(names = "--seed", defaultValue = "1", description = "Seed of random starts and encoder weights "
                + "(default: ${DEFAULT-VALUE}).")
        long seed;

        @Mixin
        DeviceOptions device;

        @Override
        public Integer call() throws Exception {
            RunFiles run = new RunFiles(runDir);
            if (!(Provenance.read(run.provenance()).get("config") instanceof Map<?, ?> config)
                    || !(config.get("data") instanceof String runData)
                    || !(config.get("limit_train") instanceof Number runLimit)) {
                throw new IllegalArgumentException(run.provenance() + ": no 'config' section with 'data' and "
                        + "'limit_train' (is " + runDir + " a run of sabre train?)");
            }
            String spec = data != null ? data : runData;
            int limit = limitTrain != null ? limitTrain : runLimit.intValue();
            ImageDataset train = Datasets.open(spec).train();
            if (limit > 0) {
                train = train.firstPerClass(limit);
            }
            Device d = device.select();
            Module m = TrainedModel.fromRun(run);
            m.to(d);
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("run", runDir.toAbsolutePath().normalize().toString());
            settings.put("data", spec);
            settings.put("limit_train", limit);
            settings.put("steps", steps);
            if (denseSteps != SensitivePixels.DENSE_ITERATIONS) {
                settings.put("dense_steps", denseSteps); // absent at the default: earlier parts stay valid
            }
            settings.put("seed", seed);
            SensitivePixels search = new SensitivePixels(denseSteps, steps, seed);
            System.err.printf(Locale.ROOT, "advmask generate: %d images of %s, %s%n", train.size(), spec,
                    search.attack());
            PointGeneration.Summary s = new PointGeneration(Normalization.ofRun(run).classifier(m), train, search, batch, settings, d, out,
                    System.err).run(-1);
            System.err.printf(Locale.ROOT, "%d images, attack success %.1f%%, %.1f sensitive pixels per image; "
                    + "wrote %s (+ .summary.json, .histogram.png)%n", s.images(), 100.0 * s.succeeded()
                    / Math.max(1, s.images()), s.meanPoints(), out.toAbsolutePath());
            return 0;
        }
    }
}
