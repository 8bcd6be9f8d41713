package sabre.nn.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sabre.autograd.Var;
import sabre.nn.Module;
import sabre.nn.Sequential;
import sabre.tensor.DType;
import sabre.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Safetensors files assembled from PyTorch tensors (see io_fixtures.py): read exactly, and rewritten identically. */
class SafeTensorsInteropTest {
    @TempDir
    Path dir;

    @Test
    void readsEveryTorchDtypeExactly() throws IOException {
        SafeTensors.Contents c = SafeTensors.read(Fixtures.path("torch_tensors.safetensors"));
        Map<?, ?> expected = Fixtures.expected("torch_tensors.safetensors");
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(c.tensors().keySet()));
        expected.forEach((name, e) -> Fixtures.assertTensor(e, c.tensors().get(name), (String) name));
        assertEquals(Map.of("format", "pt", "note", "caf\u00e9 \"quoted\""), c.metadata());
    }

    @Test
    void rewritesAPythonAssembledFileByteForByte() throws IOException {
        Path original = Fixtures.path("sabre_layout.safetensors");
        SafeTensors.Contents c = SafeTensors.read(original);
        Map<?, ?> expected = Fixtures.expected("sabre_layout.safetensors");
        expected.forEach((name, e) -> Fixtures.assertTensor(e, c.tensors().get(name), (String) name));
        Path copy = dir.resolve("copy.safetensors");
        SafeTensors.write(copy, c.tensors(), c.metadata());
        assertArrayEquals(Files.readAllBytes(original), Files.readAllBytes(copy));
    }

    /** Holds parameters and buffers under PyTorch's names without computing anything. */
    static final class Holder extends Module {
        Holder(Map<String, int[]> parameters, Map<String, Tensor> buffers) {
            parameters.forEach((name, shape) -> registerParameter(name, Tensor.zeros(DType.FLOAT32, shape)));
            buffers.forEach(this::registerBuffer);
        }

        @Override
        public Var forward(Var input) {
            return input;
        }
    }

    @Test
    void loadsATorchStateDictStrictly() throws IOException {
        // the structure of torch.nn.Sequential(Linear(3, 2), BatchNorm1d(2))
        Map<String, int[]> linear = new LinkedHashMap<>();
        linear.put("weight", new int[] {2, 3});
        linear.put("bias", new int[] {2});
        Map<String, Tensor> stats = new LinkedHashMap<>();
        stats.put("running_mean", Tensor.zeros(DType.FLOAT32, 2));
        stats.put("running_var", Tensor.ones(DType.FLOAT32, 2));
        stats.put("num_batches_tracked", Tensor.zeros(DType.INT32));
        Map<String, int[]> affine = new LinkedHashMap<>();
        affine.put("weight", new int[] {2});
        affine.put("bias", new int[] {2});
        Module net = new Sequential().add(new Holder(linear, Map.of())).add(new Holder(affine, stats));

        net.loadStateDict(SafeTensors.read(Fixtures.path("torch_state_dict.safetensors")).tensors(), true);

        Map<?, ?> expected = Fixtures.expected("torch_state_dict.safetensors");
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(net.stateDict().keySet()));
        expected.forEach((name, e) -> Fixtures.assertTensor(e, net.stateDict().get(name), (String) name));
        assertArrayEquals(new int[] {1}, net.stateDict().get("1.num_batches_tracked").toIntArray());
    }
}
