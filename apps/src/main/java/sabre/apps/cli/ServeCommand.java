package sabre.apps.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sabre.apps.serve.Articles;
import sabre.apps.serve.FeedbackStore;
import sabre.apps.serve.Quiz;
import sabre.apps.serve.Recognizer;
import sabre.apps.serve.ServeApp;
import sabre.apps.serve.ServedModel;
import sabre.apps.serve.UploadCheck;
import sabre.data.Datasets;
import sabre.tensor.Device;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code sabre serve}: the recognition web app for a trained model (docs/serve.md). */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Serve the recognition web app: upload or "
        + "photograph an image, see the top-5 classes and the Grad-CAM overlay, correct wrong results, read articles, "
        + "play the quiz.")
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--run", defaultValue = "runs/demo/model", description = "Run directory of the model "
            + "(default: ${DEFAULT-VALUE}; trains the demo model there when it holds no run).")
    Path run;

    @Option(names = "--content", description = "Folder of Markdown articles, one <class-slug>.md per class "
            + "(default: the built-in Fashion-MNIST articles).")
    Path content;

    @Option(names = "--db", description = "Feedback database file (H2; default: RUN/feedback.mv.db).")
    Path db;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: "
            + "${DEFAULT-VALUE}, this machine only; 0.0.0.0 for the network).")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "Port (default: ${DEFAULT-VALUE}; 0 = any free).")
    int port;

    @Option(names = "--max-upload-mib", defaultValue = "10", description = "Largest upload in MiB (default: "
            + "${DEFAULT-VALUE}).")
    int maxUploadMib;

    @Option(names = "--admin-anywhere", description = "Serve /admin to every client, not only to loopback.")
    boolean adminAnywhere;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the quiz's image sequence (default: "
            + "${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    DeviceOptions device;

    @Override
    public Integer call() throws Exception {
        if (maxUploadMib < 1) {
            throw new IllegalArgumentException("--max-upload-mib must be at least 1, found " + maxUploadMib);
        }
        if (content != null && !Files.isDirectory(content)) {
            throw new IOException("--content " + content + ": not a folder");
        }
        Device d = device.select();
        ServedModel served = ServedModel.open(run, d, System.err);
        ServeApp.Settings defaults = ServeApp.Settings.loopback(port);
        ServeApp.Settings settings = new ServeApp.Settings(host, port, (long) maxUploadMib << 20, defaults.maxPixels(),
                defaults.threads(), defaults.connections(), defaults.sessions(), adminAnywhere);
        UploadCheck check = new UploadCheck(settings.maxUploadBytes(), settings.maxPixels());
        Recognizer recognizer = new Recognizer(served, check, d);
        Quiz quiz = null;
        String notice = null;
        try {
            quiz = new Quiz(Datasets.open(served.dataSpec()).test(), recognizer, seed);
        } catch (IOException | RuntimeException e) {
            notice = "The quiz needs the test set the model was trained on (" + served.dataSpec() + "): "
                    + e.getMessage();
            System.err.println("serve: " + notice);
        }
        FeedbackStore store = FeedbackStore.open(db != null ? db : run.resolve("feedback"));
        ServeApp app = ServeApp.start(new ServeApp.Parts(recognizer, new Articles(content, served.classes()), quiz,
                notice, store, System.err), settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            store.close();
            stopped.countDown();
        }));
        System.out.println("serving " + served.id() + " (" + served.architecture() + ", " + served.classes().size()
                + " classes) at " + app.url() + "  (Ctrl+C stops)");
        stopped.await();
        return 0;
    }
}
