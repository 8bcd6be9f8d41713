package sabre.apps.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sabre.nn.io.SafeTensors;
import sabre.tensor.Tensor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code sabre train --init-weights}: fine-tuning starts from the given weights, not from a fresh initialisation. */
class TrainInitWeightsTest {
    @TempDir
    Path tmp;

    static Object[] train(Path out, String... extra) {
        String[] base = {"train", "--model", "smallcnn", "--data", "fashion-mnist-subset", "--epochs", "1", "--batch",
                "10", "--limit-train", "2", "--limit-test", "1", "--optimizer", "sgd", "--lr", "1e-9", "--momentum",
                "0", "--weight-decay", "0", "--schedule", "constant", "--out", out.toString()};
        String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRunner.run(args);
    }

    @Test
    void aNearlyFrozenFineTuneKeepsTheStartingWeights() throws Exception {
        Path first = tmp.resolve("first");
        assertEquals(0, train(first, "--seed", "1")[0]);
        Path second = tmp.resolve("second");
        Object[] r = train(second, "--seed", "2", "--init-weights", first.resolve("model.safetensors").toString());
        assertEquals(0, r[0], (String) r[1]);
        Path fresh = tmp.resolve("fresh");
        assertEquals(0, train(fresh, "--seed", "2")[0]);
        Map<String, Tensor> a = SafeTensors.read(first.resolve("model.safetensors")).tensors();
        Map<String, Tensor> b = SafeTensors.read(second.resolve("model.safetensors")).tensors();
        Map<String, Tensor> c = SafeTensors.read(fresh.resolve("model.safetensors")).tensors();
        double fromInit = 0;
        double fromFresh = 0;
        for (String key : a.keySet()) {
            if (key.endsWith("weight") || key.endsWith("bias")) {
                fromInit = Math.max(fromInit, maxAbs(a.get(key).sub(b.get(key))));
                fromFresh = Math.max(fromFresh, maxAbs(c.get(key).sub(b.get(key))));
            }
        }
        assertTrue(fromInit < 1e-6, "lr 1e-9 moves the weights by almost nothing from where they started: " + fromInit);
        assertTrue(fromFresh > 1e-3, "and a seed-2 initialisation is elsewhere: " + fromFresh);
        assertTrue(Files.readString(second.resolve("init-weights.json")).contains("model.safetensors"));
    }

    private static double maxAbs(Tensor t) {
        double m = 0;
        for (double v : t.toDoubleArray()) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    @Test
    void initWeightsRefusesResumeAndMismatchedModels() throws Exception {
        Path first = tmp.resolve("a");
        assertEquals(0, train(first)[0]);
        Object[] resume = train(first, "--resume", "--init-weights", first.resolve("model.safetensors").toString());
        assertEquals(1, resume[0]);
        assertTrue(((String) resume[1]).contains("--resume continues one"), (String) resume[1]);
        Object[] other = CliRunner.run("train", "--model", "resnet20", "--data", "fashion-mnist-subset", "--epochs",
                "1", "--limit-train", "1", "--limit-test", "1", "--init-weights",
                first.resolve("model.safetensors").toString(), "--out", tmp.resolve("b").toString());
        assertEquals(1, other[0]);
        assertTrue(((String) other[1]).contains("missing") || ((String) other[1]).contains("unexpected"),
                (String) other[1]);
    }
}
