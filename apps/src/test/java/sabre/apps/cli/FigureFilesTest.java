package sabre.apps.cli;

import org.junit.jupiter.api.Test;
import sabre.nn.io.Npy;
import sabre.tensor.Tensor;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The files behind the figures of the commands: cam.csv with class names, and attack's --grid-order. */
class FigureFilesTest extends TinyRunTest {
    /** Fashion-MNIST's classes, in label order. */
    private static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    @Test
    void camCsvNamesPredictedAndTrueClasses() throws Exception {
        Path out = tmp.resolve("cam");
        Object[] r = CliRunner.run("cam", "--run", run.toString(), "--count", "3", "--zoom", "2", "--out",
                out.toString());
        assertEquals(0, r[0], (String) r[1]);
        List<String> csv = Files.readAllLines(out.resolve("cam.csv"));
        assertEquals("index,predicted,predicted_name,probability,label,label_name,file", csv.get(0));
        assertEquals(4, csv.size());
        // the first three test images of the embedded subset are an ankle boot, a pullover and a trouser
        int[] labels = {9, 2, 1};
        for (int i = 0; i < 3; i++) {
            String[] c = csv.get(i + 1).split(",");
            assertEquals(7, c.length, csv.get(i + 1));
            assertEquals(Integer.toString(i), c[0]);
            assertEquals(CLASSES.get(Integer.parseInt(c[1])), c[2], "predicted name of row " + i);
            double p = Double.parseDouble(c[3]);
            assertTrue(p > 0 && p <= 1, "probability " + p);
            assertEquals(Integer.toString(labels[i]), c[4]);
            assertEquals(CLASSES.get(labels[i]), c[5]);
            assertEquals("cam_" + i + ".png", c[6]);
            assertTrue(ImageIO.read(out.resolve(c[6]).toFile()).getHeight() > 28 * 2, "figure of row " + i);
        }
    }

    @Test
    void camOnArraysTakesTheClassNamesFromTheRun() throws Exception {
        Path x = tmp.resolve("x.npy");
        Npy.write(x, Tensor.of(new float[2 * 28 * 28], 2, 1, 28, 28));
        Path out = tmp.resolve("cam-arrays");
        Object[] r = CliRunner.run("cam", "--run", run.toString(), "--images", x.toString(), "--out", out.toString());
        assertEquals(0, r[0], (String) r[1]);
        List<String> csv = Files.readAllLines(out.resolve("cam.csv"));
        for (String line : csv.subList(1, csv.size())) {
            String[] c = line.split(",", -1);
            assertEquals(CLASSES.get(Integer.parseInt(c[1])), c[2], line);
            assertEquals("", c[4], "no label for arrays: " + line);
            assertEquals("", c[5], "no label for arrays: " + line);
        }
        Object[] bad = CliRunner.run("cam", "--run", run.toString(), "--zoom", "65", "--out", out.toString());
        assertEquals(1, bad[0]);
        assertTrue(((String) bad[1]).contains("--zoom must be at most 64, found 65"), (String) bad[1]);
    }

    @Test
    void gridOrderIsCheckedBeforeAnyWork() throws Exception {
        Path out = tmp.resolve("grid-bad");
        Object[] r = CliRunner.run("attack", "--run", run.toString(), "--data", "fashion-mnist-subset", "--n", "4",
                "--method", "fgsm", "--grid-order", "fooled", "--out", out.toString());
        assertEquals(1, r[0]);
        assertTrue(((String) r[1]).contains("--grid-order is fooled-first or input, not 'fooled'"), (String) r[1]);
        assertFalse(Files.exists(out), "a refused run wrote its folder");
        Path ok = tmp.resolve("grid-input");
        Object[] fine = CliRunner.run("attack", "--run", run.toString(), "--data", "fashion-mnist-subset", "--n", "4",
                "--method", "fgsm", "--grid-order", "input", "--out", ok.toString());
        assertEquals(0, fine[0], (String) fine[1]);
        assertTrue(ImageIO.read(ok.resolve("grid.png").toFile()).getWidth() > 4 * 28 * 4, "grid of four columns");
    }
}
