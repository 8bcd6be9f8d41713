package sabre.apps.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sabre.data.ImageDataset;
import sabre.nn.Module;
import sabre.nn.models.ModelConfig;
import sabre.nn.models.Models;
import sabre.tensor.Device;
import sabre.tensor.Generator;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A run stopped after an epoch and resumed from its checkpoint ends with exactly the bits of an uninterrupted run. */
class TrainerResumeTest {
    /** 48 random 1×8×8 images in 3 classes whose mean brightness depends on the class (learnable). */
    static ImageDataset data(long seed, int n) {
        java.util.Random r = new java.util.Random(seed);
        byte[][] px = new byte[n][64];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            for (int j = 0; j < 64; j++) {
                px[i][j] = (byte) Math.min(255, r.nextInt(120) + 60 * labels[i]);
            }
        }
        return ImageDataset.of(1, 8, 8, px, labels, List.of("dark", "mid", "bright"));
    }

    private static TrainConfig config(int epochs) {
        // smallcnn has dropout: its generator must be checkpointed too for the bits to match
        return new TrainConfig("smallcnn", "synthetic", epochs, 16, "sgd", 0.05, 0.9, 5e-4, true, "cosine", 1, 0.1,
                true, 7, 0, 0);
    }

    private static Module model() {
        return Models.create("smallcnn", new ModelConfig(1, 8, 3), new Generator(7));
    }

    private static void train(TrainConfig cfg, Path dir, boolean resume) throws Exception {
        Files.createDirectories(dir);
        new Trainer(cfg, model(), data(1, 48), data(2, 12), Device.CPU, new RunFiles(dir),
                new PrintStream(new ByteArrayOutputStream())).run(resume);
    }

    @Test
    void resumedRunMatchesUninterruptedRunBitForBit(@TempDir Path tmp) throws Exception {
        Path straight = tmp.resolve("straight");
        train(config(3), straight, false);

        Path split = tmp.resolve("split");
        // the first run is configured for 3 epochs (the schedule depends on it) but stops after 1
        Files.createDirectories(split);
        new Trainer(config(3), model(), data(1, 48), data(2, 12), Device.CPU, new RunFiles(split),
                new PrintStream(new ByteArrayOutputStream())).runEpochs(false, 1);
        train(config(3), split, true);

        byte[] a = Files.readAllBytes(new RunFiles(straight).weights());
        byte[] b = Files.readAllBytes(new RunFiles(split).weights());
        assertArrayEquals(a, b, "weights after resume differ from the uninterrupted run");
        assertArrayEquals(Files.readAllBytes(new RunFiles(straight).checkpoint()),
                Files.readAllBytes(new RunFiles(split).checkpoint()), "checkpoints differ");
        List<String> m1 = Files.readAllLines(straight.resolve("metrics.csv"));
        List<String> m2 = Files.readAllLines(split.resolve("metrics.csv"));
        assertEquals(m1.size(), m2.size());
        for (int i = 0; i < m1.size(); i++) { // every column but the wall-clock ones
            String[] x = m1.get(i).split(",");
            String[] y = m2.get(i).split(",");
            for (int c = 0; c < 6; c++) {
                assertEquals(x[c], y[c], "metrics row " + i + " column " + c);
            }
        }
    }

    @Test
    void aKillBetweenTheMetricsAndTheCheckpointWriteDoesNotRepeatARow(@TempDir Path tmp) throws Exception {
        // what a kill leaves after epoch 2's metrics were written but before its checkpoint: rows for epochs 1
        // and 2, the checkpoint of epoch 1
        Path two = tmp.resolve("two");
        Files.createDirectories(two);
        new Trainer(config(3), model(), data(1, 48), data(2, 12), Device.CPU, new RunFiles(two),
                new PrintStream(new ByteArrayOutputStream())).runEpochs(false, 2);
        Path killed = tmp.resolve("killed");
        Files.createDirectories(killed);
        new Trainer(config(3), model(), data(1, 48), data(2, 12), Device.CPU, new RunFiles(killed),
                new PrintStream(new ByteArrayOutputStream())).runEpochs(false, 1);
        for (String f : List.of("metrics.json", "metrics.csv")) {
            Files.copy(two.resolve(f), killed.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        train(config(3), killed, true);
        List<String> csv = Files.readAllLines(killed.resolve("metrics.csv"));
        assertEquals(List.of("1", "2", "3"), csv.subList(1, csv.size()).stream().map(l -> l.split(",")[0]).toList(),
                "one row per epoch:\n" + String.join("\n", csv));
    }

    @Test
    void leavesEveryArtifactOfARun(@TempDir Path tmp) throws Exception {
        train(config(2), tmp, false);
        RunFiles run = new RunFiles(tmp);
        for (Path p : List.of(run.checkpoint(), run.weights(), run.metricsJson(), tmp.resolve("metrics.csv"),
                run.lossPlot(), run.accuracyPlot())) {
            assertTrue(Files.size(p) > 0, p + " missing or empty");
        }
        List<String> csv = Files.readAllLines(tmp.resolve("metrics.csv"));
        assertEquals(3, csv.size(), "header and two epochs");
        assertTrue(csv.get(0).startsWith("epoch,lr,train_loss,train_acc,test_loss,test_acc"));
        assertFalse(Files.list(tmp).anyMatch(p -> p.getFileName().toString().contains(".tmp")),
                "a temporary file was left behind");
    }
}
