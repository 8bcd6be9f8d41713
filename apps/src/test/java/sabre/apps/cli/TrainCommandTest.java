package sabre.apps.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sabre.apps.report.MetricsLog;
import sabre.nn.io.Checkpoint;
import sabre.nn.optim.WarmupCosineLR;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code sabre train}: a run directory is never overwritten by accident, every option is checked before anything is
 * written, and {@code --resume} continues a run with its own options (only {@code --epochs} may change: extend).
 */
class TrainCommandTest {
    @TempDir
    Path tmp;

    /** A small CNN on 40 images in batches of 10 (4 steps per epoch), plus {@code extra}. */
    static Object[] train(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--model", "smallcnn", "--data", "fashion-mnist-subset",
                "--batch", "10", "--limit-train", "4", "--limit-test", "1", "--lr", "0.02", "--out", out.toString()));
        args.addAll(List.of(extra));
        return CliRunner.run(args.toArray(String[]::new));
    }

    private static void refused(Object[] r, String expected) {
        assertEquals(1, r[0], (String) r[1]);
        assertTrue(((String) r[1]).contains(expected), "expected '" + expected + "' in:\n" + r[1]);
    }

    @Test
    void anExistingRunIsKeptUnlessForcedAndBadOptionsWriteNothing() throws Exception {
        Path run = tmp.resolve("run");
        assertEquals(0, train(run, "--epochs", "1")[0]);
        byte[] weights = Files.readAllBytes(run.resolve("model.safetensors"));
        refused(train(run, "--epochs", "1", "--seed", "2"), "already holds a training run; give --resume to "
                + "continue it, --force to overwrite it");
        assertArrayEquals(weights, Files.readAllBytes(run.resolve("model.safetensors")), "the run is untouched");
        Object[] forced = train(run, "--epochs", "1", "--seed", "2", "--force");
        assertEquals(0, forced[0], (String) forced[1]);
        assertFalse(java.util.Arrays.equals(weights, Files.readAllBytes(run.resolve("model.safetensors"))),
                "--force trained a new run (another seed)");

        Path pth = tmp.resolve("w.pth");
        Files.write(pth, new byte[] {(byte) 0x80, 2});
        String[][] bad = {{"--data", "nosuch"}, {"--model", "resnet7"}, {"--lr", "-1"}, {"--optimizer", "sgdx"},
                {"--schedule", "linear"}, {"--augment", "mixup"}, {"--augment", "advmask", "--advmask-points",
                tmp.resolve("none.points").toString()}, {"--mean", "0.1,0.2,0.3", "--std", "1,1,1"}, {"--mean", "0.1"},
                {"--threads", "0"}, {"--init-weights", pth.toString()}, {"--init-weights",
                run.resolve("model.safetensors").toString(), "--model", "resnet20"}, {"--warmup", "5"}};
        String[] messages = {"unknown kind 'nosuch'", "unknown model 'resnet7'", "lr must be positive",
                "unknown optimizer 'sgdx'", "unknown schedule 'linear'", "unknown augmentation 'mixup'",
                "none.points", "--mean/--std give 3 channels, the images have 1", "give --mean and --std together",
                "--threads must be at least 1", "is a PyTorch pickle", "does not hold resnet20 weights",
                "warm-up epochs must be in [0, epochs)"};
        for (int i = 0; i < bad.length; i++) {
            Path out = tmp.resolve("fresh-" + i);
            List<String> args = new ArrayList<>(List.of("train", "--data", "fashion-mnist-subset", "--epochs", "1",
                    "--limit-train", "1", "--limit-test", "1", "--out", out.toString()));
            if (!List.of(bad[i]).contains("--model")) {
                args.addAll(List.of("--model", "smallcnn"));
            }
            if (bad[i][0].equals("--data")) {
                args.remove(1);
                args.remove(1);
            }
            args.addAll(List.of(bad[i]));
            refused(CliRunner.run(args.toArray(String[]::new)), messages[i]);
            assertFalse(Files.exists(out), String.join(" ", bad[i]) + ": " + out + " was written before the check");
        }
    }

    @Test
    void resumeTakesTheRunsOptionsAndMoreEpochsExtendIt() throws Exception {
        Path run = tmp.resolve("run");
        assertEquals(0, train(run, "--epochs", "2", "--seed", "4", "--mean", "0.3", "--std", "0.4")[0]);
        List<String> before = Files.readAllLines(run.resolve("metrics.csv"));

        refused(CliRunner.run("train", "--out", run.toString(), "--resume", "--lr", "0.5"),
                "--lr 0.5 contradicts the run's lr 0.02");
        refused(CliRunner.run("train", "--out", run.toString(), "--resume", "--model", "resnet20"),
                "--model resnet20 contradicts the run's model smallcnn");
        refused(CliRunner.run("train", "--out", run.toString(), "--resume", "--mean", "0.5", "--std", "0.4"),
                "--mean 0.5 --std 0.4 contradicts the run's --mean 0.3 --std 0.4");
        refused(CliRunner.run("train", "--out", run.toString(), "--resume", "--augment", "none"),
                "--augment and its options contradict the run's");
        refused(CliRunner.run("train", "--out", run.toString(), "--resume", "--epochs", "1"),
                "--epochs 1 is fewer than the run's 2");
        assertEquals(before, Files.readAllLines(run.resolve("metrics.csv")), "refusals change nothing");

        Object[] same = CliRunner.run("train", "--out", run.toString(), "--resume", "--lr", "0.02", "--seed", "4");
        assertEquals(0, same[0], "the run's own values may be repeated: " + same[1]);
        assertEquals(before, Files.readAllLines(run.resolve("metrics.csv")), "a finished run has nothing to do");

        Object[] extended = CliRunner.run("train", "--out", run.toString(), "--resume", "--epochs", "3");
        assertEquals(0, extended[0], (String) extended[1]);
        List<String> after = Files.readAllLines(run.resolve("metrics.csv"));
        assertEquals(4, after.size(), "header and epochs 1-3: " + after);
        assertEquals(before, after.subList(0, 3), "epochs 1 and 2 are the run's own: it continued from epoch 2's "
                + "checkpoint instead of starting over");
        assertEquals("3", Checkpoint.load(run.resolve("checkpoint.safetensors")).metadata("epochs_done"));
        // epoch 3 follows the cosine over the new total of 12 steps: its last step is step 11
        Map<String, Double> third = MetricsLog.read(run.resolve("metrics.json")).rows().get(2);
        assertEquals(new WarmupCosineLR(0.02, 0, 12, 0).lr(11), third.get("lr"), 1e-12);
        JsonNode prov = new ObjectMapper().readTree(run.resolve("provenance.json").toFile());
        assertEquals(3, prov.get("config").get("epochs").asInt());
        assertEquals(2, prov.get("extensions").get(0).get("from_epochs").asInt());
        assertEquals(0.3, prov.get("normalization").get("mean").get(0).asDouble());
    }
}
