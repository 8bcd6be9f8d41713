package sabre.nn.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sabre.autograd.Var;
import sabre.nn.Module;
import sabre.nn.Stateful;
import sabre.tensor.DType;
import sabre.tensor.Generator;
import sabre.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Saving and restoring a model, named Stateful parts, metadata and generators through one file. */
class CheckpointTest {
    @TempDir
    Path dir;

    /** A parameter, a FLOAT32 buffer, an INT32 counter and a child, as in a batch-norm network. */
    static final class Net extends Module {
        Net(float scale) {
            registerParameter("weight", Tensor.of(new float[] {scale, 2 * scale, 3 * scale, 4 * scale}, 2, 2));
            registerBuffer("running_mean", Tensor.of(new float[] {scale, -scale}, 2));
            registerBuffer("num_batches_tracked", Tensor.scalar(scale, DType.INT32));
            registerModule("head", new Head(scale));
        }

        @Override
        public Var forward(Var input) {
            return input;
        }
    }

    static final class Head extends Module {
        Head(float scale) {
            registerParameter("bias", Tensor.of(new double[] {scale / 2}, 1));
        }

        @Override
        public Var forward(Var input) {
            return input;
        }
    }

    /** A stochastic layer: a generator registered in a child, as a dropout layer does. */
    static final class Noisy extends Module {
        Noisy(long seed) {
            registerModule("drop", new Drop(seed));
        }

        @Override
        public Var forward(Var input) {
            return input;
        }
    }

    static final class Drop extends Module {
        Drop(long seed) {
            registerGenerator("rng", new Generator(seed));
        }

        @Override
        public Var forward(Var input) {
            return input;
        }
    }

    /** An optimizer-like state: a FLOAT64 scalar, an INT32 step and a BOOL mask. */
    static final class State implements Stateful {
        Map<String, Tensor> state = new LinkedHashMap<>();

        State(double lr, int step) {
            state.put("lr", Tensor.scalar(lr, DType.FLOAT64));
            state.put("step", Tensor.scalar(step, DType.INT32));
            state.put("momentum.0", Tensor.of(new float[] {lr > 0 ? 1 : 0, 0.5f}, 2));
            state.put("active", Tensor.ofBools(new boolean[] {true, false}, 2));
        }

        @Override
        public Map<String, Tensor> stateDict() {
            return state;
        }

        @Override
        public void loadStateDict(Map<String, Tensor> s) {
            state = new LinkedHashMap<>(s);
        }
    }

    private static void assertSameTensors(Map<String, Tensor> expected, Map<String, Tensor> actual) {
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(actual.keySet()));
        expected.forEach((k, v) -> {
            assertEquals(v.dtype(), actual.get(k).dtype(), k);
            assertArrayEquals(v.shape(), actual.get(k).shape(), k);
            assertArrayEquals(v.toDoubleArray(), actual.get(k).toDoubleArray(), k);
        });
    }

    @Test
    void restoresModelPartsMetadataAndGenerators() throws IOException {
        Net trained = new Net(3);
        State optimizer = new State(0.1, 500);
        State schedule = new State(0.05, 7);
        Generator rng = new Generator(-42);
        Tensor.rand(rng, DType.FLOAT32, 10);
        Map<String, String> meta = new LinkedHashMap<>(Checkpoint.generatorMetadata("data_rng", rng));
        meta.put("epoch", "4");
        meta.put("config", "{\"model\": \"resnet18\", \"lr\": 0.1}");
        Map<String, Stateful> parts = new LinkedHashMap<>();
        parts.put("optimizer", optimizer);
        parts.put("schedule", schedule);
        Path file = dir.resolve("ckpt.safetensors");

        Checkpoint.save(file, trained, parts, meta);
        Checkpoint c = Checkpoint.load(file);

        Net fresh = new Net(0);
        c.restoreModel(fresh);
        assertSameTensors(trained.stateDict(), fresh.stateDict());
        State freshOptimizer = new State(0, 0);
        c.restore("optimizer", freshOptimizer);
        assertSameTensors(optimizer.stateDict(), freshOptimizer.stateDict());
        assertSameTensors(schedule.stateDict(), c.state("schedule"));
        assertEquals(List.of("optimizer", "schedule"), c.parts());
        assertEquals(meta, c.metadata());
        assertEquals("4", c.metadata("epoch"));
        Generator resumed = c.generator("data_rng");
        assertEquals(rng.seed(), resumed.seed());
        assertEquals(10, resumed.offset());
        assertArrayEquals(Tensor.rand(rng, DType.FLOAT32, 5).toFloatArray(),
                Tensor.rand(resumed, DType.FLOAT32, 5).toFloatArray());
    }

    @Test
    void fileIsPlainSafetensorsWithPrefixedKeys() throws IOException {
        Path file = dir.resolve("ckpt.safetensors");
        Checkpoint.save(file, new Net(1), Map.of("optimizer", new State(0.1, 1)), Map.of("epoch", "1"));
        SafeTensors.Contents raw = SafeTensors.read(file);
        assertEquals(List.of("model.weight", "model.running_mean", "model.num_batches_tracked", "model.head.bias",
                "optimizer.lr", "optimizer.step", "optimizer.momentum.0", "optimizer.active"),
                List.copyOf(raw.tensors().keySet()));
        assertEquals(Map.of("sabre.checkpoint", "1", "sabre.parts", "optimizer", "epoch", "1"), raw.metadata());
    }

    @Test
    void strictModelRestoreListsMismatchedKeys() throws IOException {
        Path file = dir.resolve("ckpt.safetensors");
        Checkpoint.save(file, new Head(1), Map.of(), Map.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Checkpoint.load(file).restoreModel(new Net(0)));
        assertTrue(e.getMessage().contains("missing keys [weight, running_mean, num_batches_tracked, head.bias]"),
                e.getMessage());
        assertTrue(e.getMessage().contains("unexpected keys [bias]"), e.getMessage());
    }

    @Test
    void missingPartsAndMetadataAreFormatErrors() throws IOException {
        Path file = dir.resolve("ckpt.safetensors");
        Checkpoint.save(file, new Net(1), Map.of("optimizer", new State(0.1, 1)), Map.of("epoch", "2",
                "rng.seed", "12", "rng.offset", "-3"));
        Checkpoint c = Checkpoint.load(file);
        FormatException e = assertThrows(FormatException.class, () -> c.restore("schedule", new State(0, 0)));
        assertTrue(e.getMessage().contains("no part 'schedule', only [optimizer]"), e.getMessage());
        e = assertThrows(FormatException.class, () -> c.metadata("step"));
        assertTrue(e.getMessage().contains("no metadata 'step'"), e.getMessage());
        e = assertThrows(FormatException.class, () -> c.generator("rng"));
        assertTrue(e.getMessage().contains("'rng.offset' = '-3'"), e.getMessage());
    }

    @Test
    void modelGeneratorsResumeWhereTheyStopped() throws IOException {
        Noisy trained = new Noisy(99);
        Tensor.rand(trained.namedGenerators().get("drop.rng"), DType.FLOAT32, 37);
        Path file = dir.resolve("ckpt.safetensors");
        Checkpoint.save(file, trained, Map.of(), Map.of("epoch", "1"));
        Checkpoint c = Checkpoint.load(file);
        assertEquals(Map.of("epoch", "1"), c.metadata());

        Noisy resumed = new Noisy(5);
        c.restoreModel(resumed);
        Generator g = resumed.namedGenerators().get("drop.rng");
        assertEquals(99, g.seed());
        assertEquals(37, g.offset());
        assertArrayEquals(Tensor.rand(trained.namedGenerators().get("drop.rng"), DType.FLOAT32, 4).toFloatArray(),
                Tensor.rand(g, DType.FLOAT32, 4).toFloatArray());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.restoreModel(new Net(0)));
        assertTrue(e.getMessage().contains("the model has generators [] but"), e.getMessage());
        assertTrue(e.getMessage().contains("saved [drop.rng]"), e.getMessage());
    }

    @Test
    void plainSafetensorsFilesAreNotCheckpoints() throws IOException {
        Path file = dir.resolve("weights.safetensors");
        SafeTensors.write(file, Map.of("weight", Tensor.zeros(2)), Map.of());
        Rejects.read(file, () -> Checkpoint.load(file), "not a Sabre checkpoint");
        SafeTensors.write(file, Map.of("stray.x", Tensor.zeros(2)),
                Map.of("sabre.checkpoint", "1", "sabre.parts", "optimizer"));
        Rejects.read(file, () -> Checkpoint.load(file), "tensor 'stray.x' belongs to no part");
        SafeTensors.write(file, Map.of(), Map.of("sabre.checkpoint", "1", "sabre.parts", "", "sabre.future", "x"));
        Rejects.read(file, () -> Checkpoint.load(file), "unknown reserved metadata key 'sabre.future'");
        SafeTensors.write(file, Map.of(), Map.of("sabre.checkpoint", "1", "sabre.parts", "",
                "sabre.generator.drop.rng.seed", "1"));
        Rejects.read(file, () -> Checkpoint.load(file), "lacks metadata", "'sabre.generator.drop.rng.offset'");
    }

    @Test
    void invalidNamesAreRefusedBeforeWriting() {
        Path file = dir.resolve("ckpt.safetensors");
        for (String name : new String[] {"", "opt.state", "model", "a,b"}) {
            assertThrows(IllegalArgumentException.class,
                    () -> Checkpoint.save(file, new Net(1), Map.of(name, new State(0, 0)), Map.of()), name);
        }
        assertThrows(IllegalArgumentException.class,
                () -> Checkpoint.save(file, new Net(1), Map.of(), Map.of("sabre.parts", "x")));
        assertTrue(Files.notExists(file));
    }
}
