package sabre.nn.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Writing then reading safetensors files: every Sabre dtype, exact bytes, metadata, order. */
class SafeTensorsRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void everyDtypeRoundTripsExactlyInOrder() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("z.float", Tensor.of(new float[] {1.5f, -0f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NaN,
                Float.NEGATIVE_INFINITY}, 2, 3));
        tensors.put("a.double", Tensor.of(new double[] {Math.PI, -1e-300, Double.MAX_VALUE}, 3));
        tensors.put("m.int", Tensor.ofInts(new int[] {Integer.MIN_VALUE, -1, 0, Integer.MAX_VALUE}, 2, 1, 2));
        tensors.put("b.bool", Tensor.ofBools(new boolean[] {true, false, false, true}, 4));
        tensors.put("scalar", Tensor.scalar(7, DType.INT32));
        tensors.put("empty", Tensor.zeros(DType.FLOAT32, 0, 5));
        tensors.put("transposed", Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3).transpose(0, 1));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("epoch", "12");
        meta.put("config", "{\"lr\": 0.1, \"name\": \"caf\u00e9 \\u2603\"}\n\ttab");
        Path file = dir.resolve("all.safetensors");

        SafeTensors.write(file, tensors, meta);
        SafeTensors.Contents back = SafeTensors.read(file);

        assertEquals(List.copyOf(tensors.keySet()), List.copyOf(back.tensors().keySet()));
        assertEquals(meta, back.metadata());
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Tensor expected = e.getValue();
            Tensor actual = back.tensors().get(e.getKey());
            assertEquals(expected.dtype(), actual.dtype(), e.getKey());
            assertArrayEquals(expected.shape(), actual.shape(), e.getKey());
            assertArrayEquals(expected.toDoubleArray(), actual.toDoubleArray(), e.getKey());
        }
        assertTrue(Float.isNaN(back.tensors().get("z.float").toFloatArray()[4]));
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, back.tensors().get("transposed").toFloatArray());
    }

    @Test
    void layoutMatchesAHandAssembledFile() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("w", Tensor.of(new float[] {1, -2, 0.5f, 3}, 2, 2));
        tensors.put("n", Tensor.scalar(5, DType.INT32));
        tensors.put("m", Tensor.ofBools(new boolean[] {true, false}, 2));
        tensors.put("d", Tensor.of(new double[] {0.25}, 1));
        Path file = dir.resolve("layout.safetensors");

        SafeTensors.write(file, tensors, Map.of("k", "v"));

        String json = "{\"__metadata__\":{\"k\":\"v\"},"
                + "\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]},"
                + "\"n\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[16,24]},"
                + "\"m\":{\"dtype\":\"BOOL\",\"shape\":[2],\"data_offsets\":[24,26]},"
                + "\"d\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[26,34]}}";
        byte[] expected = new Bytes().safetensorsHeader(json).f32(1).f32(-2).f32(0.5f).f32(3).u64(5).raw(1, 0)
                .f64(0.25).toArray();
        assertArrayEquals(expected, Files.readAllBytes(file));
        assertEquals(0, (Files.size(file) - 34) % 8, "header padded to a multiple of 8");
    }

    @Test
    void emptyFileHasAnEmptyHeader() throws IOException {
        Path file = dir.resolve("none.safetensors");
        SafeTensors.write(file, Map.of(), Map.of());
        assertArrayEquals(new Bytes().safetensorsHeader("{}").toArray(), Files.readAllBytes(file));
        SafeTensors.Contents back = SafeTensors.read(file);
        assertTrue(back.tensors().isEmpty() && back.metadata().isEmpty());
    }

    @Test
    void readsFilesFromOtherWriters() throws IOException {
        // offsets listed out of order, whitespace, no padding, tensors given in reverse data order
        String json = "{ \"b\" : {\"shape\": [1], \"dtype\": \"I32\", \"data_offsets\": [8, 12]},\n"
                + "  \"a\": {\"data_offsets\": [0, 8], \"dtype\": \"U8\", \"shape\": [2, 4]} }";
        Path file = dir.resolve("other.safetensors");
        Files.write(file, new Bytes().u64(json.length()).ascii(json).raw(0, 1, 2, 3, 252, 253, 254, 255).i32(-9)
                .toArray());

        SafeTensors.Contents back = SafeTensors.read(file);

        assertEquals(List.of("b", "a"), List.copyOf(back.tensors().keySet()));
        assertArrayEquals(new int[] {-9}, back.tensors().get("b").toIntArray());
        assertEquals(DType.INT32, back.tensors().get("a").dtype());
        assertArrayEquals(new int[] {0, 1, 2, 3, 252, 253, 254, 255}, back.tensors().get("a").toIntArray());
    }

    @Test
    void halfPrecisionReadsAsExactFloats() throws IOException {
        // F16: 1, -2, 65504 (max), 2^-24 (smallest subnormal), -inf; BF16: 1, -0.5, 2^-133 (subnormal)
        String json = "{\"h\":{\"dtype\":\"F16\",\"shape\":[5],\"data_offsets\":[0,10]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[3],\"data_offsets\":[10,16]}}";
        Path file = dir.resolve("half.safetensors");
        Files.write(file, new Bytes().safetensorsHeader(json).u16(0x3C00).u16(0xC000).u16(0x7BFF).u16(0x0001)
                .u16(0xFC00).u16(0x3F80).u16(0xBF00).u16(0x0001).toArray());

        Map<String, Tensor> back = SafeTensors.read(file).tensors();

        assertEquals(DType.FLOAT32, back.get("h").dtype());
        assertArrayEquals(new float[] {1, -2, 65504, 0x1p-24f, Float.NEGATIVE_INFINITY}, back.get("h").toFloatArray());
        assertArrayEquals(new float[] {1, -0.5f, 0x1p-133f}, back.get("b").toFloatArray());
    }

    @Test
    void writeRefusesTheMetadataKeyAsATensorName() {
        Path file = dir.resolve("bad.safetensors");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SafeTensors.write(file, Map.of("__metadata__", Tensor.zeros(1)), Map.of()));
        assertTrue(e.getMessage().contains("reserved"), e.getMessage());
        assertTrue(Files.notExists(file));
    }
}
