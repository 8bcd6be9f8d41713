package sabre.apps.serve;

import sabre.apps.train.RunFiles;
import sabre.apps.train.TrainConfig;
import sabre.apps.train.TrainRun;
import sabre.data.Datasets;
import sabre.data.ImageDataset;
import sabre.tensor.Device;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A running app for tests: a small CNN trained for one epoch on 2 images per class of the embedded Fashion-MNIST
 * subset (fast, not accurate), served on a free loopback port with a fresh database. One per test JVM.
 */
final class ServeFixture {
    static final long MAX_UPLOAD = 200_000;
    static final String DATA = "fashion-mnist-subset";
    private static ServeFixture instance;

    final Path dir;
    final ServedModel served;
    final Recognizer recognizer;
    final FeedbackStore db;
    final ImageDataset test;
    final ServeApp app;

    private ServeFixture() throws IOException {
        dir = Files.createTempDirectory("sabre-serve-test");
        RunFiles files = new RunFiles(dir.resolve("run"));
        TrainConfig cfg = new TrainConfig("smallcnn", DATA, 1, 20, "sgd", 0.05, 0.9, 0, true, "constant", 0, 0,
                false, 7, 2, 1);
        TrainRun.open(cfg, files, false).train(Device.CPU, new PrintStream(PrintStream.nullOutputStream()), false);
        served = ServedModel.open(files.dir(), Device.CPU, System.err);
        ServeApp.Settings loop = ServeApp.Settings.loopback(0);
        ServeApp.Settings settings = new ServeApp.Settings(loop.host(), 0, MAX_UPLOAD, 1_000_000, loop.threads(),
                loop.connections(), loop.sessions(), false);
        recognizer = new Recognizer(served, new UploadCheck(MAX_UPLOAD, settings.maxPixels()), Device.CPU);
        test = Datasets.open(DATA).test();
        db = FeedbackStore.open(dir.resolve("feedback"));
        app = ServeApp.start(new ServeApp.Parts(recognizer, new Articles(null, served.classes()),
                new Quiz(test, recognizer, 3), null, db, System.err), settings);
    }

    /** The shared fixture (built on first use). */
    static synchronized ServeFixture get() {
        if (instance == null) {
            try {
                instance = new ServeFixture();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    /** Test image {@code i} as a PNG file's bytes. */
    byte[] testPng(int i) {
        return Pictures.png(test.pixels(i), test.channels(), test.height(), test.width());
    }
}
