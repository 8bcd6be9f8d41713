package sabre.apps.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code sabre} command: train, evaluate and run models, and show what they look at.
 *
 * <pre>{@code ./sabre train --model smallcnn --data fashion-mnist --epochs 2 --out runs/cnn}</pre>
 */
@Command(name = "sabre", mixinStandardHelpOptions = true, version = "sabre 0.1.0",
        description = "Pure-Java deep learning for adversarial-ML research.",
        subcommands = {TrainCommand.class, EvalCommand.class, PredictCommand.class, CamCommand.class})
public final class SabreCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(new CommandLine(new SabreCli()).execute(args));
    }
}
