package sabre.apps.advmask;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sabre.attacks.Classifier;
import sabre.augment.PointSet;
import sabre.augment.SensitivePixels;
import sabre.data.ImageDataset;
import sabre.nn.models.ModelConfig;
import sabre.nn.models.Models;
import sabre.tensor.Device;
import sabre.tensor.Generator;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A generation killed after a batch and restarted writes exactly the points of an uninterrupted one. */
class PointGenerationResumeTest {
    private static ImageDataset data() {
        java.util.Random r = new java.util.Random(1);
        byte[][] px = new byte[10][64];
        int[] labels = new int[10];
        for (int i = 0; i < 10; i++) {
            labels[i] = i % 3;
            for (int j = 0; j < 64; j++) {
                px[i][j] = (byte) r.nextInt(256);
            }
        }
        return ImageDataset.of(1, 8, 8, px, labels, List.of("a", "b", "c"));
    }

    private static PointGeneration generation(Path out, long seed) {
        Classifier f = Classifier.of(Models.create("smallcnn", new ModelConfig(1, 8, 3), new Generator(4)).eval());
        return new PointGeneration(f, data(), new SensitivePixels(4, seed), 4, Map.of("seed", seed), Device.CPU, out,
                new PrintStream(new ByteArrayOutputStream()));
    }

    @Test
    void resumedGenerationMatchesUninterrupted(@TempDir Path dir) throws Exception {
        Path straight = dir.resolve("straight.safetensors");
        PointGeneration.Summary s = generation(straight, 1).run(-1);
        assertEquals(10, s.images());
        assertTrue(Files.exists(dir.resolve("straight.safetensors.summary.json")));
        assertTrue(Files.exists(dir.resolve("straight.safetensors.histogram.png")));
        assertFalse(Files.exists(dir.resolve("straight.safetensors.parts")), "parts removed after the merge");

        Path split = dir.resolve("split.safetensors");
        assertNull(generation(split, 1).run(1), "stopped after one batch");
        Path parts = dir.resolve("split.safetensors.parts");
        assertTrue(Files.exists(parts.resolve("batch-000000.safetensors")));
        assertFalse(Files.exists(parts.resolve("batch-000001.safetensors")));
        assertFalse(Files.exists(split), "no points file before every batch is done");
        generation(split, 1).run(-1);

        PointSet a = PointSet.read(straight);
        PointSet b = PointSet.read(split);
        assertEquals(a.size(), b.size());
        int total = 0;
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.points(i), b.points(i), "image " + i);
            assertEquals(a.success(i), b.success(i), "image " + i);
            total += a.count(i);
        }
        assertTrue(total > 0, "the search found sensitive pixels at all");
    }

    @Test
    void partsOfOtherSettingsAreRefused(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("p.safetensors");
        assertNull(generation(out, 1).run(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> generation(out, 2).run(-1));
        assertTrue(e.getMessage().contains("holds the finished batches of a run with other settings (seed: 1 there, "
                + "2 now)"), e.getMessage());
    }
}
