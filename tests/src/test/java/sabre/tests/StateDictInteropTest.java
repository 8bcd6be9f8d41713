package sabre.tests;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import sabre.nn.Module;
import sabre.nn.io.SafeTensors;
import sabre.nn.models.ModelConfig;
import sabre.nn.models.Models;
import sabre.tensor.DType;
import sabre.tensor.Generator;
import sabre.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PyTorch checkpoints of the large CIFAR models load into Sabre without renaming: CIFAR ResNet-18
 * (kuangliu/pytorch-cifar), WRN-28-10 (xternalz/WideResNet-pytorch) and PreAct-ResNet-18 (kuangliu). The keys and
 * shapes are those PyTorch itself produced for the reference architectures — the {@code model} records of
 * {@code reference_models.txt}, written by {@code nn/src/test/python/model_keys.py} — so no 45–146 MB checkpoint is
 * committed: each test synthesizes one in a temporary directory with those keys, in PyTorch's order, as PyTorch stores
 * it (FLOAT32 tensors, {@code num_batches_tracked} as 0-d I64 — Sabre writes INT32 as I64), writes it with
 * {@link SafeTensors}, reads it back and loads it with a strict {@link Module#loadStateDict} into
 * {@code Models.create(name, CIFAR10)}. Every entry's values must then be in the model bit for bit. The values are
 * distinct across the whole file (float {@code sin} of the running element index; the i-th key's counter is i), so a
 * loader that swapped two same-shaped entries (a batch norm's weight and bias, running mean and variance) fails.
 * Also checked: a DataParallel checkpoint ({@code module.} prefix on every key) and an entry of the wrong shape are
 * refused with messages naming the offending keys. No forward pass is run.
 */
class StateDictInteropTest {
    /** The reference file, read from the nn module's test resources (surefire runs in the tests module's folder). */
    private static final Path REFERENCE = Path.of("..", "nn", "src", "test", "resources", "sabre", "nn", "models",
            "reference_models.txt");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"resnet18", "wrn-28-10", "preact18"})
    void pytorchStateDictLoadsWithoutRenaming(String model, @TempDir Path dir) throws IOException {
        Map<String, int[]> shapes = referenceShapes(model);
        Path file = dir.resolve(model + ".safetensors");
        SafeTensors.write(file, synthesize(shapes), Map.of());
        Map<String, Tensor> checkpoint = SafeTensors.read(file).tensors();
        assertEquals(List.copyOf(shapes.keySet()), List.copyOf(checkpoint.keySet()), model + ": keys in the file");
        Module net = Models.create(model, ModelConfig.CIFAR10, new Generator(0));

        Map<String, Tensor> prefixed = new LinkedHashMap<>();
        checkpoint.forEach((k, v) -> prefixed.put("module." + k, v));
        String first = shapes.keySet().iterator().next();
        IllegalArgumentException dataParallel = assertThrows(IllegalArgumentException.class,
                () -> net.loadStateDict(prefixed, true), model + ": a module.-prefixed checkpoint");
        assertTrue(dataParallel.getMessage().contains("module." + first)
                        && dataParallel.getMessage().contains("[" + first + ","),
                model + ": the message names the unexpected and the missing keys: " + dataParallel.getMessage());

        String head = lastMatrix(shapes);
        int[] shape = shapes.get(head);
        int[] transposed = {shape[1], shape[0]};
        Map<String, Tensor> misshaped = new LinkedHashMap<>(checkpoint);
        misshaped.put(head, checkpoint.get(head).reshape(transposed));
        IllegalArgumentException wrongShape = assertThrows(IllegalArgumentException.class,
                () -> net.loadStateDict(misshaped, true), model + ": a mis-shaped " + head);
        assertTrue(wrongShape.getMessage().contains("'" + head + "'")
                        && wrongShape.getMessage().contains(Arrays.toString(transposed))
                        && wrongShape.getMessage().contains(Arrays.toString(shape)),
                model + ": the message names the key and both shapes: " + wrongShape.getMessage());

        Module.LoadResult result = net.loadStateDict(checkpoint, true);
        assertEquals(List.of(), result.missing(), model + ": missing");
        assertEquals(List.of(), result.unexpected(), model + ": unexpected");
        Map<String, Tensor> state = net.stateDict();
        assertEquals(List.copyOf(shapes.keySet()), List.copyOf(state.keySet()), model + ": state-dict keys");
        checkpoint.forEach((k, expected) -> {
            Tensor actual = state.get(k);
            assertArrayEquals(expected.shape(), actual.shape(), model + " " + k + ": shape");
            if (expected.dtype().isFloating()) {
                assertEquals(DType.FLOAT32, actual.dtype(), model + " " + k + ": dtype");
                assertArrayEquals(expected.toFloatArray(), actual.toFloatArray(), model + " " + k);
            } else {
                assertEquals(DType.INT32, actual.dtype(), model + " " + k + ": dtype");
                assertArrayEquals(expected.toIntArray(), actual.toIntArray(), model + " " + k);
            }
        });
    }

    /**
     * Entries for {@code shapes}: {@code num_batches_tracked} (0-d) holds its key's position in the file as INT32,
     * every other entry FLOAT32 {@code sin(j)} with j its elements' running index over the whole file.
     */
    private static Map<String, Tensor> synthesize(Map<String, int[]> shapes) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        long j = 0;
        int position = 0;
        for (Map.Entry<String, int[]> e : shapes.entrySet()) {
            int[] shape = e.getValue();
            if (e.getKey().endsWith("num_batches_tracked")) {
                out.put(e.getKey(), Tensor.ofInts(new int[] {position}, shape));
            } else {
                float[] values = new float[Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) Math.sin(j++);
                }
                out.put(e.getKey(), Tensor.of(values, shape));
            }
            position++;
        }
        return out;
    }

    /** The last 2-D entry (the classifier's weight: {@code linear.weight} or {@code fc.weight}). */
    private static String lastMatrix(Map<String, int[]> shapes) {
        List<String> matrices = new ArrayList<>();
        shapes.forEach((k, s) -> {
            if (s.length == 2) {
                matrices.add(k);
            }
        });
        return matrices.get(matrices.size() - 1);
    }

    /**
     * The keys and shapes of the CIFAR-10 record {@code model NAME in=3 size=32 classes=10 params=P keys=N} of the
     * reference file, followed by N lines {@code KEY [d0, d1, ...]}.
     */
    private static Map<String, int[]> referenceShapes(String model) throws IOException {
        assertTrue(Files.isRegularFile(REFERENCE), REFERENCE.toAbsolutePath() + " not found; it is written by "
                + "/usr/bin/python3 nn/src/test/python/model_keys.py, and the test must run in the tests module's"
                + " folder");
        List<String> lines = Files.readAllLines(REFERENCE);
        String prefix = "model " + model + " in=3 size=32 classes=10 ";
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                String keys = lines.get(i).substring(lines.get(i).lastIndexOf("keys=") + "keys=".length());
                Map<String, int[]> shapes = new LinkedHashMap<>();
                for (String line : lines.subList(i + 1, i + 1 + Integer.parseInt(keys))) {
                    int space = line.indexOf(' ');
                    String dims = line.substring(space + 2, line.length() - 1);
                    shapes.put(line.substring(0, space), dims.isEmpty() ? new int[0]
                            : Arrays.stream(dims.split(", ")).mapToInt(Integer::parseInt).toArray());
                }
                return shapes;
            }
        }
        throw new AssertionError("no record '" + prefix + "...' in " + REFERENCE);
    }
}
