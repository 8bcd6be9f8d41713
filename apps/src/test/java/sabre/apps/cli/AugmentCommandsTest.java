package sabre.apps.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The augmentation options of {@code sabre train} refuse bad combinations; {@code augment-preview} draws a grid. */
class AugmentCommandsTest {
    private static void assertFails(String expected, String... args) {
        Object[] r = CliRunner.run(args);
        assertEquals(1, r[0], (String) r[1]);
        assertTrue(((String) r[1]).contains(expected), (String) r[1]);
    }

    @Test
    void badAugmentationOptionsFailWithTheReason(@TempDir Path dir) throws Exception {
        String out = dir.resolve("run").toString();
        assertFails("needs --advmask-points", "train", "--model", "smallcnn", "--data", "fashion-mnist-subset",
                "--augment", "advmask", "--out", out);
        assertFails("unknown augmentation 'mixup'", "train", "--model", "smallcnn", "--data", "fashion-mnist-subset",
                "--augment", "mixup", "--out", out);
        assertFails("--advmask-released applies to --augment advmask only", "train", "--model", "smallcnn", "--data",
                "fashion-mnist-subset", "--augment", "cutout", "--advmask-released", "--out", out);
        assertFails("--no-augment contradicts --augment gridmask", "train", "--model", "smallcnn", "--data",
                "fashion-mnist-subset", "--augment", "gridmask", "--no-augment", "--out", out);
        assertFails("no provenance.json", "advmask", "generate", "--run", dir.toString(), "--out",
                dir.resolve("p.safetensors").toString());
        Path odd = dir.resolve("odd");
        Files.createDirectories(odd);
        Files.writeString(odd.resolve("provenance.json"), "{\"model\": {}}");
        assertFails("no 'config' section", "advmask", "generate", "--run", odd.toString(), "--out",
                dir.resolve("p.safetensors").toString());
        assertFails("no such file", "augment-preview", "--augment", "advmask", "--advmask-points",
                dir.resolve("missing.safetensors").toString(), "--out", dir.resolve("p.png").toString());
    }

    @Test
    void previewDrawsOriginalsAboveAugmentedImages(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("grid.png");
        Object[] r = CliRunner.run("augment-preview", "--augment", "cutout", "--n", "10", "--zoom", "2", "--out",
                png.toString());
        assertEquals(0, r[0], (String) r[1]);
        BufferedImage img = ImageIO.read(Files.newInputStream(png));
        // 8 columns of 56 px + gaps beside an 80 px label column; two row pairs of 56 px images
        assertEquals(80 + 8 * (56 + 4), img.getWidth());
        assertEquals(22 + 2 * 2 * (56 + 4) + 2 * 4, img.getHeight());
    }
}
