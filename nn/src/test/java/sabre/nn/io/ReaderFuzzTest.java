package sabre.nn.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzz targets for the readers of user files in {@code sabre.nn.io}: safetensors and {@code .npy}. Each writes the
 * fuzzer's bytes to a file and reads it; the reader must return tensors no larger than the file or throw
 * {@link FormatException} naming the file. Anything else (OutOfMemoryError, NullPointerException, an index out of
 * bounds, a hang) is a finding. A normal build runs the committed inputs under
 * {@code src/test/resources/sabre/nn/io/ReaderFuzzTestInputs/<method>/}; {@code JAZZER_FUZZ=1} fuzzes one target
 * ({@code .ci/fuzz} runs each in turn).
 *
 * <pre>{@code JAZZER_FUZZ=1 mvn -pl nn -am test -Dtest='ReaderFuzzTest#safetensors'}</pre>
 */
class ReaderFuzzTest {
    @TempDir
    static Path dir;

    @FuzzTest
    void safetensors(byte[] bytes) throws IOException {
        Path file = Files.write(dir.resolve("fuzz.safetensors"), bytes);
        try {
            SafeTensors.read(file).tensors().values().forEach(t -> assertTrue(t.numel() <= bytes.length));
        } catch (FormatException expected) {
            assertTrue(expected.getMessage().startsWith(file + ": "), expected.getMessage());
        }
    }

    @FuzzTest
    void npy(byte[] bytes) throws IOException {
        Path file = Files.write(dir.resolve("fuzz.npy"), bytes);
        try {
            assertTrue(Npy.read(file).numel() <= bytes.length);
        } catch (FormatException expected) {
            assertTrue(expected.getMessage().startsWith(file + ": "), expected.getMessage());
        }
    }
}
