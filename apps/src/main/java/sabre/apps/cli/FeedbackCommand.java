package sabre.apps.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sabre.apps.serve.FeedbackExport;
import sabre.apps.serve.FeedbackStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code sabre feedback}: what {@code sabre serve} collected. */
@Command(name = "feedback", mixinStandardHelpOptions = true, description = "Work with the feedback database of "
        + "`sabre serve`.", subcommands = FeedbackCommand.Export.class)
public final class FeedbackCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** {@code sabre feedback export}: the corrected images as an image-folder data set. */
    @Command(name = "export", mixinStandardHelpOptions = true, description = "Write the corrected images as an "
            + "image-folder data set (OUT/train, OUT/test, one folder per class) for "
            + "`sabre train --data folder:OUT@HxW`.")
    public static final class Export implements Callable<Integer> {
        @Option(names = "--db", required = true, description = "Feedback database file (FILE or FILE.mv.db).")
        Path db;

        @Option(names = "--out", required = true, description = "Output folder (must not exist or be empty).")
        Path out;

        @Override
        public Integer call() throws Exception {
            Path file = db.toString().endsWith(".mv.db") ? db : Path.of(db + ".mv.db");
            if (!Files.isRegularFile(file)) {
                throw new IOException(file + ": no feedback database here");
            }
            try (FeedbackStore store = FeedbackStore.open(db)) {
                int n = FeedbackExport.write(store, out);
                System.out.printf("exported %d corrected images to %s (train/, test/, export.csv)%n", n,
                        out.toAbsolutePath());
            }
            return 0;
        }
    }
}
