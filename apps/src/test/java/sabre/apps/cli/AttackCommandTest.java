package sabre.apps.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import sabre.apps.attack.AttackJob;
import sabre.apps.attack.AttackRequest;
import sabre.apps.attack.Cells;
import sabre.apps.attack.Eps;
import sabre.apps.attack.Inputs;
import sabre.apps.attack.SampleCsv;
import sabre.apps.attack.SummaryJson;
import sabre.apps.attack.DemoModel;
import sabre.apps.train.RunFiles;
import sabre.apps.train.TrainConfig;
import sabre.apps.train.TrainRun;
import sabre.apps.train.TrainedModel;
import sabre.attacks.AttackResult;
import sabre.attacks.Classifier;
import sabre.attacks.registry.Attacks;
import sabre.data.Datasets;
import sabre.data.ImageDataset;
import sabre.nn.io.Npy;
import sabre.tensor.DType;
import sabre.tensor.Device;
import sabre.tensor.Tensor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code sabre attack} and {@code sabre ablate} end to end on a small CNN trained for a few steps: the files it
 * writes are checked against a recomputation from the adversarial images, the originals and the model.
 */
class AttackCommandTest extends TinyRunTest {
    static final int N = 20;
    static final double EPS = 8 / 255.0;

    static Object[] attack(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("attack", "--run", run.toString(), "--data",
                "fashion-mnist-subset", "--n", Integer.toString(N), "--out", out.toString()));
        args.addAll(List.of(extra));
        return CliRunner.run(args.toArray(String[]::new));
    }

    @Test
    void pgdResultsMatchARecomputationFromTheWrittenImages() throws Exception {
        Path out = tmp.resolve("pgd");
        Object[] r = attack(out, "--method", "pgd", "--eps", "8/255", "--steps", "3", "--batch", "7");
        assertEquals(0, r[0], (String) r[1]);
        JsonNode json = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        List<String> expected = new ArrayList<>(List.of("method", "options", "defaults", "targeting", "seed",
                "eps_text"));
        expected.addAll(SummaryJson.FIELDS);
        assertEquals(expected, fields);
        assertEquals("pgd", json.get("method").asText());
        assertEquals("3", json.get("options").get("steps").asText());
        assertEquals("true", json.get("defaults").get("random-start").asText()); // the options not given
        assertFalse(json.get("defaults").has("steps"), "a given option repeated among the defaults");
        assertEquals("8/255", json.get("eps_text").asText());
        assertEquals(EPS, json.get("eps").asDouble(), 1e-12);

        ImageDataset test = Datasets.open("fashion-mnist-subset").test();
        List<Tensor> originals = new ArrayList<>();
        int[] labels = new int[N];
        for (int i = 0; i < N; i++) {
            originals.add(test.image(i));
            labels[i] = test.label(i);
        }
        Tensor x = Tensor.stack(originals, 0);
        Tensor adv = Npy.read(out.resolve("adversarial.npy"));
        assertArrayEquals(x.shape(), adv.shape());
        float[] a = adv.toFloatArray();
        float[] o = x.toFloatArray();
        float[] m = Npy.read(out.resolve("masks.npy")).toFloatArray();
        Classifier f = Classifier.of(TrainedModel.fromRun(new RunFiles(run)));
        int[] clean = f.predict(x).toIntArray();
        int[] fooledAs = f.predict(adv).toIntArray();

        List<String> csv = Files.readAllLines(out.resolve("samples.csv"));
        assertEquals(SampleCsv.HEADER, csv.get(0));
        assertEquals(N + 1, csv.size());
        int per = a.length / N;
        int correct = 0;
        int fooled = 0;
        double[] sums = new double[4];
        for (int i = 0; i < N; i++) {
            int l0 = 0;
            double l1 = 0;
            double l2 = 0;
            double linf = 0;
            for (int k = i * per; k < (i + 1) * per; k++) {
                double d = Math.abs((double) a[k] - o[k]);
                l0 += a[k] != o[k] ? 1 : 0;
                assertEquals(a[k] != o[k] ? 1f : 0f, m[k], "mask of sample " + i + " element " + k);
                assertTrue(a[k] >= 0 && a[k] <= 1, "inside the image box");
                l1 += d;
                l2 += d * d;
                linf = Math.max(linf, d);
            }
            l2 = Math.sqrt(l2);
            assertTrue(linf <= EPS + 1e-7, "sample " + i + " Linf " + linf);
            String[] c = csv.get(i + 1).split(",");
            assertEquals(i, Integer.parseInt(c[0]));
            assertEquals(labels[i], Integer.parseInt(c[1]));
            assertEquals(fooledAs[i], Integer.parseInt(c[3]));
            boolean ok = clean[i] == labels[i];
            boolean success = fooledAs[i] != labels[i];
            assertEquals(ok, Boolean.parseBoolean(c[4]));
            assertEquals(success, Boolean.parseBoolean(c[5]));
            assertEquals(l0, Integer.parseInt(c[6]), "1 channel: pixels = elements");
            assertEquals(l0, Integer.parseInt(c[7]));
            assertEquals(l1, Double.parseDouble(c[8]), 1e-4 * Math.max(1, l1));
            assertEquals(l2, Double.parseDouble(c[9]), 1e-5);
            assertEquals(linf, Double.parseDouble(c[10]), 1e-6);
            if (ok) {
                correct++;
                if (success) {
                    fooled++;
                    sums[0] += l0;
                    sums[1] += l1;
                    sums[2] += l2;
                    sums[3] += linf;
                }
            }
        }
        assertTrue(correct > 0 && fooled > 0, "a model that gets some right and an attack that fools some: "
                + correct + " correct, " + fooled + " fooled");
        assertEquals(N, json.get("attacked").asInt());
        assertEquals(correct / (double) N, json.get("clean_accuracy").asDouble(), 1e-12);
        assertEquals(fooled / (double) correct, json.get("asr").asDouble(), 1e-12);
        assertEquals(sums[0] / fooled, json.get("l0_elements").asDouble(), 1e-9);
        assertEquals(sums[0] / fooled, json.get("l0_pixels").asDouble(), 1e-9);
        assertEquals(sums[1] / fooled, json.get("l1").asDouble(), 1e-4 * sums[1] / fooled);
        assertEquals(sums[2] / fooled, json.get("l2").asDouble(), 1e-5);
        assertEquals(sums[3] / fooled, json.get("linf").asDouble(), 1e-6);
        assertTrue(json.get("seconds_per_image").asDouble() > 0);
        assertTrue(Files.size(out.resolve("grid.png")) > 0);
    }

    @Test
    void severalRadiiGiveAnArrayAndAFolderEach() throws Exception {
        Path out = tmp.resolve("multi");
        Object[] r = attack(out, "--method", "ifgsm", "--eps", "4/255,0.02", "--steps", "2", "--quantize",
                "--targeted", "next");
        assertEquals(0, r[0], (String) r[1]);
        JsonNode json = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertTrue(json.isArray() && json.size() == 4, "float and 8-bit row per radius: " + json);
        double[] eps = {4 / 255.0, 4 / 255.0, 0.02, 0.02};
        for (int i = 0; i < 4; i++) {
            assertEquals(eps[i], json.get(i).get("eps").asDouble(), 1e-12);
            assertEquals(i % 2 == 1, json.get(i).get("quantized").asBoolean(), json.get(i).toString());
        }
        String text = (String) r[1];
        assertTrue(text.contains("ifgsm eps 0.02  ") && text.contains("ifgsm eps 0.02, 8-bit  "), text);
        int offGrid = 0;
        for (String dir : List.of("eps-4_255", "eps-0.02")) {
            List<String> csv = Files.readAllLines(out.resolve(dir).resolve("samples.csv"));
            assertEquals(N + 1, csv.size());
            for (String line : csv.subList(1, csv.size())) {
                String[] c = line.split(",");
                assertEquals((Integer.parseInt(c[1]) + 1) % 10, Integer.parseInt(c[2]), "aimed at the next class");
            }
            for (float v : Npy.read(out.resolve(dir).resolve("8bit").resolve("adversarial.npy")).toFloatArray()) {
                float level = v * 255;
                assertEquals(Math.round(level), level, 1e-3, "--quantize leaves 8-bit values");
            }
            for (float v : Npy.read(out.resolve(dir).resolve("adversarial.npy")).toFloatArray()) {
                offGrid += Math.abs(Math.round(v * 255) - v * 255) > 1e-3 ? 1 : 0;
            }
        }
        assertTrue(offGrid > 0, "the float results are the attack's own, not rounded");
    }

    /** The attacks module's committed fixture: a SmallCnn that attacks really fool, and its images. */
    static final Path FIXTURE = Path.of("..", "attacks", "src", "test", "resources", "sabre", "attacks", "fixture");

    static Object[] onFixture(String command, Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of(command, "--arch", "smallcnn", "--weights",
                FIXTURE.resolve("smallcnn.safetensors").toString(), "--images", FIXTURE.resolve("images.npy").toString(),
                "--labels", FIXTURE.resolve("labels.npy").toString(), "--out", out.toString()));
        args.addAll(List.of(extra));
        return CliRunner.run(args.toArray(String[]::new));
    }

    @Test
    void autoAdversaryInBatchesFoolsWithPartialMasksInsideTheBall() throws Exception {
        Path out = tmp.resolve("auto");
        Object[] r = onFixture("attack", out, "--method", "autoadversary", "--base", "mifgsm", "--steps", "5",
                "--prune-steps", "20", "--batch", "12");
        assertEquals(0, r[0], (String) r[1]);
        JsonNode json = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertEquals("autoadversary", json.get("method").asText());
        assertEquals("mifgsm", json.get("options").get("base").asText());
        assertTrue(json.get("linf").asDouble() <= EPS + 1e-7);
        assertTrue(json.get("fooled").asInt() >= 16, "at least half of the 32 fixture images: " + json);
        assertEquals(33, Files.readAllLines(out.resolve("samples.csv")).size());
        float[] masks = Npy.read(out.resolve("masks.npy")).toFloatArray();
        int partial = 0;
        for (int i = 0; i < 32; i++) {
            int ones = 0;
            for (int k = i * 784; k < (i + 1) * 784; k++) {
                ones += masks[k] == 1 ? 1 : 0;
            }
            partial += ones > 0 && ones < 784 ? 1 : 0;
        }
        assertTrue(partial > 0, "some image keeps only part of its perturbation");
    }

    @Test
    void normalisationGoesInsideTheClassifier() throws Exception {
        Object[] plain = attack(tmp.resolve("plain"), "--method", "ifgsm", "--steps", "2");
        Object[] normed = attack(tmp.resolve("normed"), "--method", "ifgsm", "--steps", "2", "--mean",
                "0.3", "--std", "0.2");
        assertEquals(0, plain[0], (String) plain[1]);
        assertEquals(0, normed[0], (String) normed[1]);
        float[] a = Npy.read(tmp.resolve("plain").resolve("adversarial.npy")).toFloatArray();
        float[] b = Npy.read(tmp.resolve("normed").resolve("adversarial.npy")).toFloatArray();
        assertFalse(java.util.Arrays.equals(a, b), "the normalised model is another function of the pixels");
        for (float v : b) {
            assertTrue(v >= 0 && v <= 1, "still pixel space");
        }
        Object[] half = attack(tmp.resolve("half"), "--mean", "0.3");
        assertEquals(1, half[0]);
        assertTrue(((String) half[1]).contains("--mean and --std together"), (String) half[1]);
        Object[] wrong = attack(tmp.resolve("wrong"), "--mean", "0.3,0.3,0.3", "--std", "0.2,0.2,0.2");
        assertEquals(1, wrong[0]);
        assertTrue(((String) wrong[1]).contains("normalization has 3 channels, images have 1"), (String) wrong[1]);
    }

    @Test
    void ablateWritesFiveVariantsAndTheFullMethodPrunes() throws Exception {
        Path out = tmp.resolve("ablate");
        Object[] r = onFixture("ablate", out, "--steps", "5", "--prune-steps", "20", "--batch", "32");
        assertEquals(0, r[0], (String) r[1]);
        JsonNode json = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertEquals(5, json.size());
        assertEquals("Dense", json.get(0).get("variant").asText());
        assertEquals("Full (encoder)", json.get(4).get("variant").asText());
        Iterator<JsonNode> rows = json.elements();
        while (rows.hasNext()) {
            assertEquals(32, rows.next().get("attacked").asInt());
        }
        assertTrue(json.get(0).get("asr").asDouble() >= 0.5, json.get(0).toString());
        assertEquals(json.get(0).get("fooled").asInt(), json.get(4).get("fooled").asInt(), "pruning loses nothing");
        assertTrue(json.get(4).get("l0_elements").asDouble() < json.get(0).get("l0_elements").asDouble(),
                "the full method prunes: " + json);
        assertEquals(6, Files.readAllLines(out.resolve("results.csv")).size());
        for (String variant : List.of("dense", "dense-random", "l1-delta", "l1-mask", "full")) {
            assertEquals(33, Files.readAllLines(out.resolve(variant).resolve("samples.csv")).size(), variant);
        }
    }

    @Test
    void aFinishedRunIsReusedOnlyWithTheSameConfig() throws Exception {
        RunFiles files = new RunFiles(run);
        TrainConfig same = new TrainConfig("smallcnn", "fashion-mnist-subset", 1, 10, "sgd", 0.02, 0.9, 5e-4, true,
                "cosine", 0, 0, true, 1, 4, 1);
        assertEquals(Optional.empty(), TrainRun.reusable(files, same));
        Optional<String> other = TrainRun.reusable(files, DemoModel.config(1));
        assertTrue(other.isPresent() && other.get().contains("smallcnn") && other.get().contains("resnet20"),
                other.toString());
        Optional<String> longer = TrainRun.reusable(files, new TrainConfig("smallcnn", "fashion-mnist-subset", 2, 10,
                "sgd", 0.02, 0.9, 5e-4, true, "cosine", 0, 0, true, 1, 4, 1));
        assertTrue(longer.isPresent() && longer.get().contains("epochs"), longer.toString());
        assertTrue(TrainRun.reusable(new RunFiles(tmp.resolve("empty")), same).isPresent());
    }

    /** Attacks images given as arrays; returns {exit code, text}. */
    static Object[] attackArrays(String name, double value, int[] labels) throws Exception {
        Path x = tmp.resolve(name + "-x.npy");
        Path y = tmp.resolve(name + "-y.npy");
        Npy.write(x, Tensor.full(Device.CPU, DType.FLOAT32, value, labels.length, 1, 28, 28));
        Npy.write(y, Tensor.ofInts(labels, labels.length));
        return CliRunner.run("attack", "--run", run.toString(), "--images", x.toString(), "--labels", y.toString(),
                "--out", tmp.resolve(name).toString());
    }

    @Test
    void labelsOutsideTheClassesAreNamedWithoutAStackTrace() throws Exception {
        Object[] r = attackArrays("bad-labels", 0.5, new int[] {1, 12, 3});
        assertEquals(1, r[0]);
        String text = (String) r[1];
        assertTrue(text.contains("label 12 of sample 1 is outside the model's classes [0, 10)"), text);
        assertFalse(text.contains("\tat "), "no stack trace:\n" + text);
        assertFalse(Files.exists(tmp.resolve("bad-labels").resolve("results.json")));
    }

    @Test
    void radiiOfOneOrMoreUnderLinfAreRefusedWithAHint() {
        Object[] r = attack(tmp.resolve("eps8"), "--method", "pgd", "--eps", "8");
        assertEquals(1, r[0]);
        assertTrue(((String) r[1]).contains("did you mean 8/255?"), (String) r[1]);
        Object[] l2 = attack(tmp.resolve("eps-l2"), "--method", "pgd-l2", "--eps", "1.5", "--steps", "1");
        assertEquals(0, l2[0], "an L2 radius may exceed 1: " + l2[1]);
        Object[] both = CliRunner.run("attack", "--run", run.toString(), "--arch", "smallcnn", "--out",
                tmp.resolve("both").toString());
        assertEquals(1, both[0]);
        assertTrue(((String) both[1]).contains("not both"), (String) both[1]);
    }

    @Test
    void predictRefusesNanAndZeroTo255Floats() throws Exception {
        Path nan = tmp.resolve("nan.npy");
        Tensor x = Tensor.full(Device.CPU, DType.FLOAT32, 0.5, 2, 1, 28, 28);
        float[] v = x.toFloatArray();
        v[30] = Float.NaN;
        Npy.write(nan, Tensor.of(v, 2, 1, 28, 28));
        Object[] r = CliRunner.run("predict", "--run", run.toString(), "--images", nan.toString(), "--out",
                tmp.resolve("pred-nan").toString());
        assertEquals(1, r[0]);
        assertTrue(((String) r[1]).contains("element 30 is NaN"), (String) r[1]);
        Path bytes = tmp.resolve("bytes.npy");
        Npy.write(bytes, Tensor.full(Device.CPU, DType.FLOAT32, 200, 2, 1, 28, 28));
        Object[] big = CliRunner.run("cam", "--run", run.toString(), "--images", bytes.toString(), "--out",
                tmp.resolve("cam-big").toString());
        assertEquals(1, big[0]);
        assertTrue(((String) big[1]).contains("0-255 pixel values? divide by 255"), (String) big[1]);
    }

    @Test
    void imagesOutsideTheUnitRangeAreRejected() throws Exception {
        Object[] r = attackArrays("bad-range", 1.5, new int[] {1, 2, 3});
        assertEquals(1, r[0]);
        assertTrue(((String) r[1]).contains("images must lie in [0, 1]"), (String) r[1]);
        assertFalse(((String) r[1]).contains("\tat "), (String) r[1]);
    }

    @Test
    void missingWeightsAndBadOptionsAreExplained() {
        Object[] none = CliRunner.run("attack", "--arch", "smallcnn", "--data", "fashion-mnist-subset", "--out",
                tmp.resolve("bad3").toString());
        assertEquals(1, none[0]);
        assertTrue(((String) none[1]).contains("--arch NAME with --weights FILE"), (String) none[1]);
        Path missing = tmp.resolve("nowhere.safetensors");
        Object[] absent = CliRunner.run("attack", "--arch", "smallcnn", "--weights", missing.toString(), "--data",
                "fashion-mnist-subset", "--out", tmp.resolve("bad4").toString());
        assertEquals(1, absent[0]);
        assertTrue(((String) absent[1]).contains("no such file") && ((String) absent[1]).contains("nowhere"),
                (String) absent[1]);
        Object[] eps = attack(tmp.resolve("bad5"), "--eps", "8/zero");
        assertEquals(1, eps[0]);
        assertTrue(((String) eps[1]).contains("'8/zero' is not a number"), (String) eps[1]);
        Object[] method = attack(tmp.resolve("bad6"), "--method", "deepfool");
        assertEquals(1, method[0]);
        assertTrue(((String) method[1]).contains("unknown attack 'deepfool'"), (String) method[1]);
        Object[] foreign = attack(tmp.resolve("bad7"), "--method", "pgd", "--prune-steps", "5");
        assertEquals(1, foreign[0]);
        assertTrue(((String) foreign[1]).contains("--prune-steps is not an option of pgd"), (String) foreign[1]);
        Object[] fgsmSteps = attack(tmp.resolve("bad8"), "--method", "fgsm", "--steps", "5");
        assertEquals(1, fgsmSteps[0]);
        assertTrue(((String) fgsmSteps[1]).contains("--steps is not an option of fgsm"), (String) fgsmSteps[1]);
    }

    /** The first {@code n} test images of the subset with labels {@code shift} classes past the model's prediction. */
    private static Object[] attackWithShiftedLabels(String name, int n, int shift, String... extra) throws Exception {
        Inputs in = Inputs.first(Datasets.open("fashion-mnist-subset").test(), n);
        int[] predicted = Classifier.of(TrainedModel.fromRun(new RunFiles(run))).predict(in.images()).toIntArray();
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (predicted[i] + shift) % 10;
        }
        Path x = tmp.resolve(name + "-x.npy");
        Path y = tmp.resolve(name + "-y.npy");
        Npy.write(x, in.images());
        Npy.write(y, Tensor.ofInts(labels, n));
        List<String> args = new ArrayList<>(List.of("attack", "--run", run.toString(), "--images", x.toString(),
                "--labels", y.toString(), "--out", tmp.resolve(name).toString()));
        args.addAll(List.of(extra));
        return CliRunner.run(args.toArray(String[]::new));
    }

    @Test
    void ratesWithNothingToCountAreNotApplicable() throws Exception {
        Object[] none = attackWithShiftedLabels("none-correct", 6, 1, "--method", "fgsm");
        assertEquals(0, none[0], (String) none[1]);
        JsonNode json = new ObjectMapper().readTree(tmp.resolve("none-correct").resolve("results.json").toFile());
        assertEquals(0, json.get("correct").asInt(), "every label differs from the model's prediction");
        for (String key : List.of("asr", "l0_elements", "l1", "l2", "linf")) {
            assertTrue(json.get(key).isNull(), key + " has nothing to count: " + json);
        }
        assertEquals(0.0, json.get("clean_accuracy").asDouble());
        String table = ((String) none[1]).lines().filter(l -> l.startsWith("fgsm")).findFirst().orElseThrow();
        assertTrue(table.matches("fgsm eps 8/255\\s+n/a\\s+n/a\\s+n/a\\s+n/a\\s+n/a\\s+\\S+"), table);

        // every image right, a radius too small to fool any: ASR is a true 0 %, the norms are n/a
        Object[] tiny = attackWithShiftedLabels("none-fooled", 6, 0, "--method", "fgsm", "--eps", "1e-7");
        assertEquals(0, tiny[0], (String) tiny[1]);
        JsonNode t = new ObjectMapper().readTree(tmp.resolve("none-fooled").resolve("results.json").toFile());
        assertEquals(6, t.get("correct").asInt());
        assertEquals(0, t.get("fooled").asInt());
        assertEquals(0.0, t.get("asr").asDouble());
        assertFalse(t.get("asr").isNull());
        assertTrue(t.get("l2").isNull(), t.toString());
        assertTrue(((String) tiny[1]).contains("0.0%"), (String) tiny[1]);
    }

    @Test
    void progressOfSeveralRadiiShowsEachRadiusOwnAsr() throws Exception {
        Classifier f = Classifier.of(TrainedModel.fromRun(new RunFiles(run)));
        Inputs in = Inputs.first(Datasets.open("fashion-mnist-subset").test(), N);
        AttackRequest request = new AttackRequest(Attacks.entry("fgsm"), Map.of(), List.of(Eps.parse("1/255"),
                Eps.parse("64/255")), "none", null, 0, 7);
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        List<AttackResult> results = AttackJob.run(f, in, request, new java.io.PrintStream(log, true));
        String small = Cells.percent(results.get(0).summary().asr());
        String large = Cells.percent(results.get(1).summary().asr());
        assertFalse(small.equals(large), "the radii must differ in ASR for this test to tell them apart");
        String last = log.toString().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertTrue(last.contains("3/3 ASR 1/255 " + small + " | 64/255 " + large + " "), last);
    }
}
