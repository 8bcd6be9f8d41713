package sabre.apps.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import sabre.apps.train.NonFiniteException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;

/**
 * The {@code sabre} command: train, evaluate and run models, show what they look at, and attack them.
 * Bad input (an {@link IllegalArgumentException} or an {@link IOException}) and a training run that diverged
 * ({@link NonFiniteException}) end a command with its message and exit
 * code 1, without a stack trace; any other exception is a bug, reported as one line {@code internal error (please
 * report): ...} with exit code 1; {@code -Dsabre.stacktrace=true} shows the trace.
 *
 * <pre>{@code ./sabre train --model smallcnn --data fashion-mnist --epochs 2 --out runs/cnn}</pre>
 */
@Command(name = "sabre", mixinStandardHelpOptions = true, version = "sabre 0.1.0",
        description = "Pure-Java deep learning for adversarial-ML research.",
        footer = {"", "Also: ./sabre example runs the README's worked example (a tiny conv net, its graph, one FGSM step)."},
        subcommands = {TrainCommand.class, EvalCommand.class, PredictCommand.class, CamCommand.class,
                AdvmaskCommand.class, AugmentPreviewCommand.class,
                AttackCommand.class, AttacksCommand.class, AblateCommand.class, CompareCommand.class,
                DemoCommand.class, ServeCommand.class, FeedbackCommand.class})
public final class SabreCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The command line with the error handling described above. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new SabreCli());
        cli.setExecutionExceptionHandler((thrown, cmd, parsed) -> {
            Exception e = thrown instanceof UncheckedIOException u ? u.getCause() : thrown; // from inside a job's loop
            if (Boolean.getBoolean("sabre.stacktrace")) {
                throw thrown;
            }
            boolean expected = e instanceof IllegalArgumentException || e instanceof IOException
                    || e instanceof NonFiniteException;
            String message = !expected ? "internal error (please report): " + e
                    + " (-Dsabre.stacktrace=true shows where)"
                    : e instanceof NoSuchFileException ? "no such file: " + e.getMessage() : e.getMessage();
            cli.getErr().println("sabre " + cmd.getCommandName() + ": " + message);
            return 1;
        });
        return cli;
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(commandLine().execute(args));
    }
}
