package sabre.kernels.cuda;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every committed PTX assembles for sm_90 with {@code ptxas} (what the driver's JIT does at
 * {@code cuModuleLoadData}), so a PTX the H100/H200 would refuse fails here, without a GPU. Skipped, with the
 * reason, where no {@code ptxas} is installed.
 */
class PtxAssemblesTest {
    private static final Optional<Path> PTXAS = Stream.concat(
                    Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).map(d -> Path.of(d, "ptxas")),
                    Stream.of(Path.of("/usr/local/bin/ptxas"), Path.of("/usr/local/cuda/bin/ptxas")))
            .filter(Files::isExecutable).findFirst();

    @BeforeEach
    void needsPtxas() {
        Assumptions.assumeTrue(PTXAS.isPresent(), "ptxas not found on PATH, /usr/local/bin or /usr/local/cuda/bin: "
                + "the committed PTX is not assembled here (PtxFreshnessTest still checks it is current)");
    }

    static Set<String> resources() {
        return PtxFreshnessTest.resources();
    }

    @ParameterizedTest
    @MethodSource("resources")
    void assemblesForSm90(String resource) throws IOException, InterruptedException {
        Path ptx = Path.of("src/main/resources" + PtxVariants.FOLDER, resource);
        Process p = new ProcessBuilder(PTXAS.orElseThrow().toString(), "-arch=sm_90", "-o", "/dev/null",
                ptx.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "ptxas timed out on " + resource);
        assertEquals(0, p.exitValue(), "ptxas -arch=sm_90 " + resource + ":\n" + out);
    }
}
