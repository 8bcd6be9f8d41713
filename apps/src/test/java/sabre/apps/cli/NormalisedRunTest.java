package sabre.apps.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sabre.apps.report.MetricsLog;
import sabre.apps.serve.Recognizer;
import sabre.apps.serve.ServedModel;
import sabre.apps.train.Evaluation;
import sabre.apps.train.Normalization;
import sabre.apps.train.RunFiles;
import sabre.apps.train.TrainedModel;
import sabre.attacks.Classifier;
import sabre.data.Datasets;
import sabre.data.ImageDataset;
import sabre.nn.Module;
import sabre.nn.io.Npy;
import sabre.tensor.DType;
import sabre.tensor.Device;
import sabre.tensor.Generator;
import sabre.tensor.Tensor;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run trained with {@code --mean/--std}: the normalisation is recorded in its provenance and applied by every
 * later command that uses the run (eval, predict, cam, attack) without the user repeating it.
 */
class NormalisedRunTest {
    static final double[] MEAN = {0.3};
    static final double[] STD = {0.4};

    @TempDir
    static Path tmp;
    static Path run;
    static Module model;

    @BeforeAll
    static void trainWithNormalisation() throws Exception {
        run = tmp.resolve("run");
        Object[] r = CliRunner.run("train", "--model", "smallcnn", "--data", "fashion-mnist-subset", "--epochs", "1",
                "--batch", "10", "--limit-train", "4", "--limit-test", "1", "--lr", "0.02", "--mean", "0.3", "--std",
                "0.4", "--out", run.toString());
        assertEquals(0, r[0], (String) r[1]);
        model = TrainedModel.fromRun(new RunFiles(run));
    }

    private static Classifier normalised() {
        return Classifier.of(model).normalized(MEAN, STD);
    }

    @Test
    void trainingEvaluatesTheTestImagesNormalised() throws Exception {
        ImageDataset test = Datasets.open("fashion-mnist-subset").test().firstPerClass(1);
        double logged = MetricsLog.read(run.resolve("metrics.json")).rows().get(0).get("test_loss");
        assertEquals(Evaluation.run(normalised(), test, 256, Device.CPU).loss(), logged, 1e-6);
        assertTrue(Math.abs(Evaluation.run(Classifier.of(model), test, 256, Device.CPU).loss() - logged) > 1e-3,
                "without the normalisation the loss is another");
    }

    @Test
    void evalAndPredictApplyTheRunsNormalisation() throws Exception {
        Object[] e = CliRunner.run("eval", "--run", run.toString(), "--out", tmp.resolve("eval").toString());
        assertEquals(0, e[0], (String) e[1]);
        double loss = new ObjectMapper().readTree(tmp.resolve("eval").resolve("eval.json").toFile()).get("loss")
                .asDouble();
        assertEquals(Evaluation.run(normalised(), Datasets.open("fashion-mnist-subset").test(), 256, Device.CPU)
                .loss(), loss, 1e-6);

        Tensor x = Tensor.rand(new Generator(8), DType.FLOAT32, 5, 1, 28, 28);
        Path images = tmp.resolve("x.npy");
        Npy.write(images, x);
        Object[] p = CliRunner.run("predict", "--run", run.toString(), "--images", images.toString(), "--out",
                tmp.resolve("pred").toString());
        assertEquals(0, p[0], (String) p[1]);
        float[] logits = Npy.read(tmp.resolve("pred").resolve("logits.npy")).toFloatArray();
        assertArrayEquals(normalised().logits(x, 256).toFloatArray(), logits, 1e-5f);
        assertFalse(java.util.Arrays.equals(Classifier.of(model).logits(x, 256).toFloatArray(), logits));

        Object[] cam = CliRunner.run("cam", "--run", run.toString(), "--count", "2", "--out",
                tmp.resolve("cam").toString());
        assertEquals(0, cam[0], (String) cam[1]);
    }

    @Test
    void attacksUseTheRunsNormalisationAndRefuseAnother() throws Exception {
        String[] base = {"attack", "--run", run.toString(), "--data", "fashion-mnist-subset", "--n", "8", "--method",
                "ifgsm", "--steps", "2"};
        Object[] auto = CliRunner.run(concat(base, "--out", tmp.resolve("auto").toString()));
        Object[] explicit = CliRunner.run(concat(base, "--mean", "0.3", "--std", "0.4", "--out",
                tmp.resolve("explicit").toString()));
        assertEquals(0, auto[0], (String) auto[1]);
        assertEquals(0, explicit[0], (String) explicit[1]);
        assertArrayEquals(Files.readAllBytes(tmp.resolve("explicit").resolve("adversarial.npy")),
                Files.readAllBytes(tmp.resolve("auto").resolve("adversarial.npy")),
                "the run's normalisation is applied without --mean/--std");
        Object[] other = CliRunner.run(concat(base, "--mean", "0.5", "--std", "0.4", "--out",
                tmp.resolve("other").toString()));
        assertEquals(1, other[0]);
        assertTrue(((String) other[1]).contains("--mean 0.5 --std 0.4 contradicts the run's --mean 0.3 --std 0.4"),
                (String) other[1]);
    }

    @Test
    void theRecognitionAppServesTheRunNormalised() throws Exception {
        ServedModel served = ServedModel.open(run, Device.CPU, new java.io.PrintStream(java.io.OutputStream
                .nullOutputStream()));
        assertTrue(served.normalization().same(Normalization.of(MEAN, STD)), served.normalization().toString());
        Recognizer recognizer = new Recognizer(served, null, Device.CPU);
        ImageDataset test = Datasets.open("fashion-mnist-subset").test();
        for (int i = 0; i < 20; i++) {
            Tensor image = test.image(i);
            float[] v = image.toFloatArray();
            byte[] chw = new byte[v.length];
            for (int k = 0; k < v.length; k++) {
                chw[k] = (byte) Math.round(v[k] * 255);
            }
            int expected = normalised().predict(image.reshape(1, 1, 28, 28)).toIntArray()[0];
            assertEquals(expected, recognizer.classify(chw), "image " + i);
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
