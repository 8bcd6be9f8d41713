package sabre.apps.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * Base of the CLI tests that share one tiny trained run ({@link CliRunner#tinyRun}), trained into the test class's
 * temporary folder {@code tmp} (which holds the tests' other files too) before its tests run.
 *
 * <pre>{@code class EvalTest extends TinyRunTest {
 *     @Test void runs() { CliRunner.run("eval", "--run", run.toString()); }
 * }}</pre>
 */
abstract class TinyRunTest {
    @TempDir
    static Path tmp;
    static Path run;

    @BeforeAll
    static void trainTinyRun() {
        run = CliRunner.tinyRun(tmp.resolve("run"));
    }
}
