package sabre.apps.attack;

import sabre.apps.train.RunFiles;
import sabre.apps.train.TrainConfig;
import sabre.apps.train.TrainRun;
import sabre.apps.train.TrainedModel;
import sabre.nn.Module;
import sabre.tensor.Device;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Optional;

/**
 * The demo's model: ResNet-20 (1-channel stem) trained with the standard recipe (SGD 0.1, Nesterov momentum 0.9,
 * weight decay 5e-4, cosine schedule, batch 128, no augmentation: few epochs) on the embedded Fashion-MNIST subset;
 * reused when the run directory already holds a finished run of the same config (checked in its provenance).
 *
 * <pre>{@code Module m = DemoModel.trainOrReuse(new RunFiles(dir), 4, Device.CPU, false, System.err);}</pre>
 */
public final class DemoModel {
    /** The data set: embedded, so the demo works on a fresh clone. */
    public static final String DATA = "fashion-mnist-subset";

    private DemoModel() {
    }

    /** The training config for {@code epochs} epochs. */
    public static TrainConfig config(int epochs) {
        return new TrainConfig("resnet20", DATA, epochs, 128, "sgd", 0.1, 0.9, 5e-4, true, "cosine", 0, 0, false, 1,
                0, 0);
    }

    /** The trained model in eval mode on {@code device}: loaded when reusable (and not {@code retrain}), else trained. */
    public static Module trainOrReuse(RunFiles files, int epochs, Device device, boolean retrain, PrintStream log)
            throws IOException {
        TrainConfig cfg = config(epochs);
        Optional<String> why = retrain ? Optional.of("--retrain") : TrainRun.reusable(files, cfg);
        Module model;
        if (why.isEmpty()) {
            log.println("reusing the trained model in " + files.dir());
            model = TrainedModel.fromRun(files);
        } else {
            log.println("training ResNet-20 on " + DATA + " for " + epochs + " epochs (" + why.get() + ")");
            TrainRun run = TrainRun.open(cfg, files, false);
            run.train(device, log, false);
            model = run.model();
        }
        model.to(device);
        model.eval();
        return model;
    }
}
