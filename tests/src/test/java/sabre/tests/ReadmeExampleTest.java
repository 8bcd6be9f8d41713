package sabre.tests;

import org.junit.jupiter.api.Test;
import sabre.examples.WorkedExample;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's worked example is the example class verbatim, and it runs as the README shows. */
class ReadmeExampleTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void readmeShowsTheExampleVerbatim() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String source = Files.readString(ROOT.resolve("tests/src/main/java/sabre/examples/WorkedExample.java"));
        int section = readme.indexOf("## Worked example");
        assertTrue(section >= 0, "README.md has no '## Worked example' section");
        Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertTrue(m.find(section), "README.md's worked example section has no ```java block");
        assertEquals(source, m.group(1), "README's worked example differs from WorkedExample.java");
    }

    @Test
    void exampleRunsPrintsTheGraphAndFgsmRaisesTheLoss() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            WorkedExample.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        for (String op : new String[] {"conv2d(", "relu(", "adaptive_avg_pool2d(", "matmul(", "cross_entropy(", "mean("}) {
            assertTrue(out.contains(op), "graph print lacks " + op + ":\n" + out);
        }
        assertTrue(out.contains("conv.weight.grad() = null"), "grad() must not write weight gradients:\n" + out);
        Matcher before = Pattern.compile("loss (\\d+\\.\\d+),").matcher(out);
        Matcher after = Pattern.compile("loss after FGSM (\\d+\\.\\d+)").matcher(out);
        assertTrue(before.find() && after.find(), out);
        assertTrue(Double.parseDouble(after.group(1)) > Double.parseDouble(before.group(1)),
                "a signed-gradient step should raise the loss:\n" + out);
    }
}
