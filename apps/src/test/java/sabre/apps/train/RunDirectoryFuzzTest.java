package sabre.apps.train;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.io.TempDir;
import sabre.apps.report.MetricsLog;
import sabre.apps.report.Provenance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzz targets for the JSON files of a run directory that {@code --resume}, {@code --run} and the reuse check read:
 * {@code provenance.json} (the whole file, its {@code model} and {@code config} sections) and {@code metrics.json}.
 * A reader must return a value or throw an {@link IOException} whose message starts with the file; a
 * ClassCastException, NullPointerException or any other throwable is a finding. Committed inputs:
 * {@code src/test/resources/sabre/apps/train/RunDirectoryFuzzTestInputs/<method>/}.
 *
 * <pre>{@code JAZZER_FUZZ=1 mvn -pl apps -am test -Dtest='RunDirectoryFuzzTest#provenance'}</pre>
 */
class RunDirectoryFuzzTest {
    private static final TrainConfig CONFIG = new TrainConfig("smallcnn", "fashion-mnist-subset", 2, 64, "sgd", 0.1,
            0.9, 5e-4, true, "cosine", 0, 0.0, false, 1, 0, 0);

    @TempDir
    static Path dir;

    private static void expectNamed(Path file, IoRead read) {
        try {
            read.run();
        } catch (IOException e) {
            assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        }
    }

    @FunctionalInterface
    private interface IoRead {
        void run() throws IOException;
    }

    @FuzzTest
    void provenance(byte[] bytes) throws IOException {
        RunFiles files = new RunFiles(dir);
        Path file = Files.write(files.provenance(), bytes);
        expectNamed(file, () -> {
            Map<String, Object> prov = Provenance.read(file);
            expectNamed(file, () -> TrainedModel.architecture(prov, file));
            expectNamed(file, () -> TrainRun.mismatch(files, CONFIG));
        });
    }

    @FuzzTest
    void metrics(byte[] bytes) throws IOException {
        Path file = Files.write(new RunFiles(dir).metricsJson(), bytes);
        expectNamed(file, () -> assertTrue(MetricsLog.read(file).rows().size() <= bytes.length));
    }
}
