package sabre.apps.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sabre.nn.io.Npy;
import sabre.nn.io.SafeTensors;
import sabre.tensor.Generator;
import sabre.tensor.Tensor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The commands end to end on the embedded Fashion-MNIST subset: train, eval, predict, cam, and usage errors. */
class CliFlowTest {
    @TempDir
    static Path tmp;
    static Path run;

    /** Runs the CLI in-process; returns {exit code, stdout + stderr}. */
    static Object[] sabre(String... args) {
        return CliRunner.run(args);
    }

    @BeforeAll
    static void trainTinyRun() {
        run = tmp.resolve("run");
        Object[] r = sabre("train", "--model", "smallcnn", "--data", "fashion-mnist-subset", "--epochs", "1",
                "--batch", "5", "--limit-train", "1", "--limit-test", "1", "--lr", "0.01", "--out", run.toString());
        assertEquals(0, r[0], "train failed: " + r[1]);
    }

    @Test
    void trainLeavesMetricsCurvesProvenanceAndCheckpoints() throws Exception {
        for (String f : List.of("metrics.csv", "metrics.json", "loss.png", "accuracy.png", "provenance.json",
                "checkpoint.safetensors", "model.safetensors")) {
            assertTrue(Files.size(run.resolve(f)) > 0, f);
        }
        String prov = Files.readString(run.resolve("provenance.json"));
        for (String key : List.of("\"config\"", "\"model\"", "\"data\"", "\"transforms\"", "\"git_commit\"", "\"seed\"")) {
            assertTrue(prov.contains(key), "provenance lacks " + key + ":\n" + prov);
        }
        Map<String, Tensor> weights = SafeTensors.read(run.resolve("model.safetensors")).tensors();
        assertTrue(weights.containsKey("features.0.weight") && weights.containsKey("features.1.num_batches_tracked"),
                weights.keySet().toString());
    }

    @Test
    void evalWritesAccuracyAndConfusionMatrix() throws Exception {
        Object[] r = sabre("eval", "--run", run.toString(), "--data", "fashion-mnist-subset");
        assertEquals(0, r[0], (String) r[1]);
        Path eval = run.resolve("eval");
        List<String> confusion = Files.readAllLines(eval.resolve("confusion.csv"));
        assertEquals(11, confusion.size(), "header + 10 classes");
        long total = 0;
        for (String line : confusion.subList(1, 11)) {
            String[] cells = line.split(",");
            for (int i = 1; i < cells.length; i++) {
                total += Long.parseLong(cells[i]);
            }
        }
        assertEquals(1000, total, "every test image counted once");
        assertTrue(Files.size(eval.resolve("confusion.png")) > 0);
        assertTrue(Files.readString(eval.resolve("eval.json")).contains("\"per_class_accuracy\""));
    }

    @Test
    void evalOnAnotherDeviceMovesTheModelThereAndAgrees() throws Exception {
        Path cpu = tmp.resolve("eval-cpu");
        Path reference = tmp.resolve("eval-reference");
        Object[] a = sabre("eval", "--run", run.toString(), "--data", "fashion-mnist-subset", "--out", cpu.toString());
        assertEquals(0, a[0], (String) a[1]);
        // the reference backend is another device: before the fix the weights stayed on cpu and the batches did not
        Object[] b = sabre("eval", "--run", run.toString(), "--data", "fashion-mnist-subset", "--device", "reference",
                "--out", reference.toString());
        assertEquals(0, b[0], (String) b[1]);
        assertEquals(Files.readString(cpu.resolve("confusion.csv")), Files.readString(reference.resolve("confusion.csv")));
    }

    @Test
    void predictWritesLogitsMatchingTheModel() throws Exception {
        Tensor images = Tensor.rand(new Generator(3), sabre.tensor.DType.FLOAT32, 4, 1, 28, 28);
        Path x = tmp.resolve("x.npy");
        Npy.write(x, images);
        Object[] r = sabre("predict", "--run", run.toString(), "--images", x.toString(), "--out",
                tmp.resolve("pred").toString(), "--batch", "3");
        assertEquals(0, r[0], (String) r[1]);
        Tensor logits = Npy.read(tmp.resolve("pred").resolve("logits.npy"));
        assertArrayEquals(new int[] {4, 10}, logits.shape());
        // a second run with another batch size gives the same logits (eval mode: no batch dependence)
        sabre("predict", "--run", run.toString(), "--images", x.toString(), "--out", tmp.resolve("pred2").toString());
        assertArrayEquals(logits.toFloatArray(), Npy.read(tmp.resolve("pred2").resolve("logits.npy")).toFloatArray(),
                1e-5f);
    }

    @Test
    void camWritesOneOverlayPerImage() throws Exception {
        Object[] r = sabre("cam", "--run", run.toString(), "--count", "3", "--out", tmp.resolve("cam").toString());
        assertEquals(0, r[0], (String) r[1]);
        for (int i = 0; i < 3; i++) {
            assertTrue(Files.size(tmp.resolve("cam").resolve("cam_" + i + ".png")) > 0);
        }
        assertEquals(4, Files.readAllLines(tmp.resolve("cam").resolve("cam.csv")).size());
    }

    @Test
    void wrongOptionsGiveAShortUsageError() {
        Object[] r = sabre("train", "--model", "smallcnn", "--out", tmp.toString(), "--epochz", "3");
        assertEquals(2, r[0]);
        assertTrue(((String) r[1]).contains("Unknown options: '--epochz'"), (String) r[1]);
        Object[] missing = sabre("predict", "--run", run.toString());
        assertEquals(2, missing[0]);
        assertTrue(((String) missing[1]).contains("Missing required options"), (String) missing[1]);
    }

    @Test
    void unknownModelNamesTheKnownOnes() {
        Object[] r = sabre("train", "--model", "resnet7", "--data", "fashion-mnist-subset", "--out",
                tmp.resolve("bad").toString());
        assertEquals(1, r[0]);
        assertTrue(((String) r[1]).contains("resnet7") && ((String) r[1]).contains("resnet20"), (String) r[1]);
    }
}
