package sabre.nn.io;

import sabre.tensor.DType;
import sabre.tensor.Tensor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The committed PyTorch/NumPy fixtures in {@code src/test/resources/io} (written by
 * {@code src/test/python/io_fixtures.py}) and their expected values from {@code expected.json}.
 *
 * <pre>{@code Fixtures.assertTensor(Fixtures.expected("f4.npy").get("array"), Npy.read(path), "f4.npy");}</pre>
 */
final class Fixtures {
    private Fixtures() {
    }

    static Path path(String name) {
        URL url = Fixtures.class.getResource("/io/" + name);
        assertNotNull(url, "missing fixture " + name + "; run nn/src/test/python/io_fixtures.py");
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The expected tensors of one fixture file, by tensor name ("array" for .npy files). */
    static Map<?, ?> expected(String file) {
        try {
            Path p = path("expected.json");
            Map<?, ?> all = (Map<?, ?>) JsonReader.parse(Files.readAllBytes(p), 0, p);
            Map<?, ?> tensors = (Map<?, ?>) all.get(file);
            assertNotNull(tensors, "expected.json has no entry for " + file);
            return tensors;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts dtype (as Sabre reads the torch dtype), shape and every value exactly. */
    static void assertTensor(Object expected, Tensor actual, String what) {
        Map<?, ?> e = (Map<?, ?>) expected;
        String torchType = (String) e.get("dtype");
        DType dtype = switch (torchType) {
            case "float32", "float16", "bfloat16" -> DType.FLOAT32;
            case "float64" -> DType.FLOAT64;
            case "int64", "int32", "uint8" -> DType.INT32;
            case "bool" -> DType.BOOL;
            default -> throw new IllegalArgumentException(torchType);
        };
        assertEquals(dtype, actual.dtype(), what);
        List<?> shape = (List<?>) e.get("shape");
        assertArrayEquals(shape.stream().mapToInt(o -> ((Long) o).intValue()).toArray(), actual.shape(), what);
        List<?> values = (List<?>) e.get("values");
        switch (dtype) {
            case FLOAT32, FLOAT64 -> assertArrayEquals(values.stream().mapToDouble(o -> ((Number) o).doubleValue())
                    .toArray(), actual.toDoubleArray(), what);
            case INT32 -> assertArrayEquals(values.stream().mapToInt(o -> Math.toIntExact((Long) o)).toArray(),
                    actual.toIntArray(), what);
            case BOOL -> {
                boolean[] b = new boolean[values.size()];
                for (int i = 0; i < b.length; i++) {
                    b[i] = (Boolean) values.get(i);
                }
                assertArrayEquals(b, actual.toBooleanArray(), what);
            }
        }
    }
}
