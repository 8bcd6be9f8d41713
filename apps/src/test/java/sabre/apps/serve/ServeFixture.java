package sabre.apps.serve;

import sabre.apps.report.Provenance;
import sabre.apps.train.RunFiles;
import sabre.data.ImageDataset;
import sabre.data.Mnist;
import sabre.data.Split;
import sabre.nn.Module;
import sabre.nn.io.SafeTensors;
import sabre.nn.models.ModelConfig;
import sabre.nn.models.Models;
import sabre.tensor.Device;
import sabre.tensor.Generator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A running app for tests: an untrained small CNN (seeded weights) in a run folder laid out as {@code sabre train}
 * writes it (provenance.json, model.safetensors), for the embedded Fashion-MNIST subset, served on a free loopback
 * port with a fresh database. One per test JVM; built in a second or two.
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
        test = Mnist.embeddedFashionSubset(Split.TEST);
        RunFiles files = new RunFiles(Files.createDirectory(dir.resolve("run")));
        Module net = Models.create("smallcnn", new ModelConfig(1, 28, 10), new Generator(7));
        SafeTensors.write(files.weights(), net.stateDict(), Map.of());
        Provenance.write(files.provenance(), Map.of(
                "model", Map.of("name", "smallcnn", "in_channels", 1, "image_size", 28, "classes", 10),
                "data", Map.of("spec", DATA, "classes", test.classNames())));
        served = ServedModel.open(files.dir(), Device.CPU, System.err);
        ServeApp.Settings loop = ServeApp.Settings.loopback(0);
        ServeApp.Settings settings = new ServeApp.Settings(loop.host(), 0, MAX_UPLOAD, 1_000_000, loop.threads(),
                loop.connections(), loop.sessions(), false);
        recognizer = new Recognizer(served, new UploadCheck(MAX_UPLOAD, settings.maxPixels()), Device.CPU);
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
