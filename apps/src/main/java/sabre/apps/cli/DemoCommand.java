package sabre.apps.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sabre.apps.attack.Demo;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code sabre demo}: trains ResNet-20 on the embedded Fashion-MNIST subset (or reuses that run), attacks it densely
 * and with AutoAdversary, and prints the thesis's Tables 3-2 and 3-7 (see {@link Demo}).
 *
 * <pre>{@code ./sabre demo}</pre>
 */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Train ResNet-20 on the embedded "
        + "Fashion-MNIST subset, attack it (I-FGSM, PGD, MI-FGSM, each pruned by AutoAdversary), print the tables.")
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--epochs", defaultValue = "4", description = "Training epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--n", defaultValue = "100", description = "Correctly classified test images to attack "
            + "(default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--out", defaultValue = "runs/demo", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--retrain", description = "Train again even when OUT/model holds a finished run.")
    boolean retrain;

    @Option(names = "--prune-steps", hidden = true, description = "AutoAdversary pruning steps (for quick tests).")
    Integer pruneSteps;

    @Mixin
    DeviceOptions device;

    @Override
    public Integer call() throws Exception {
        Counts.atLeastOne("--epochs", epochs);
        Counts.atLeastOne("--n", n);
        new Demo(new Demo.Settings(epochs, n, out, device.select(), retrain, pruneSteps)).run(System.out, System.err);
        return 0;
    }
}
