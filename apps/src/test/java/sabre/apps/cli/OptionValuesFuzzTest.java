package sabre.apps.cli;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.io.TempDir;
import sabre.apps.attack.Eps;
import sabre.data.Datasets;
import sabre.tensor.Device;
import sabre.tensor.spi.Backends;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzz target for the option values users type: ε lists ({@code --eps 4/255,8/255}), device names
 * ({@code --device opencl:0}) and data specs ({@code --data folder:/pets@64x64,gray}). The first byte picks the
 * option ({@code e}, {@code d}, anything else a data spec), the rest is the value as UTF-8. A value must parse, or
 * fail with {@link IllegalArgumentException} whose message names the option ({@code --eps:}, {@code device},
 * {@code datasets: spec}); opening a data spec may also fail with an {@link IOException} naming a file (the
 * harness's plain {@code fashion-mnist} directory is an empty scratch directory). Anything else is a finding.
 *
 * <pre>{@code JAZZER_FUZZ=1 mvn -pl apps -am test -Dtest='OptionValuesFuzzTest#optionValues'}</pre>
 */
class OptionValuesFuzzTest {
    @TempDir
    static Path noFashionMnist;

    @FuzzTest
    void optionValues(byte[] bytes) {
        if (bytes.length == 0) {
            return;
        }
        String value = new String(bytes, 1, bytes.length - 1, StandardCharsets.UTF_8);
        try {
            switch (bytes[0]) {
                case 'e' -> Eps.parseList(value);
                case 'd' -> Backends.get(Device.parse(value));
                default -> Datasets.open(value, noFashionMnist);
            }
        } catch (IllegalArgumentException e) {
            String m = String.valueOf(e.getMessage());
            assertTrue(m.startsWith("--eps: ") || m.startsWith("device") || m.startsWith("datasets: spec '"), m);
        } catch (IOException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), String.valueOf(e));
        }
    }
}
