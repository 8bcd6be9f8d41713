package sabre.nn.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sabre.tensor.DType;
import sabre.tensor.Tensor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Writing then reading .npy files: every dtype and file type, exact bytes, refused conversions. */
class NpyRoundTripTest {
    @TempDir
    Path dir;

    private Tensor roundTrip(Tensor t, ElementType type) throws IOException {
        Path file = dir.resolve("t.npy");
        Npy.write(file, t, type);
        Tensor back = Npy.read(file);
        assertEquals(t.dtype(), back.dtype());
        assertArrayEquals(t.shape(), back.shape());
        assertArrayEquals(t.toDoubleArray(), back.toDoubleArray());
        return back;
    }

    @Test
    void everyWritableTypeRoundTrips() throws IOException {
        roundTrip(Tensor.of(new float[] {1.5f, -0f, Float.MIN_VALUE, Float.NaN, Float.POSITIVE_INFINITY, 3}, 3, 2),
                ElementType.F32);
        roundTrip(Tensor.of(new double[] {Math.E, -1e-310, Double.MAX_VALUE}, 3), ElementType.F64);
        Tensor ints = Tensor.ofInts(new int[] {Integer.MIN_VALUE, -7, 0, Integer.MAX_VALUE}, 2, 2);
        roundTrip(ints, ElementType.I64);
        roundTrip(ints, ElementType.I32);
        roundTrip(Tensor.ofInts(new int[] {0, 1, 128, 255}, 1, 4), ElementType.U8);
        roundTrip(Tensor.ofBools(new boolean[] {true, false, true}, 3), ElementType.BOOL);
        roundTrip(Tensor.scalar(2.5, DType.FLOAT32), ElementType.F32);
        roundTrip(Tensor.zeros(DType.FLOAT64, 4, 0), ElementType.F64);
        Tensor transposed = roundTrip(Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3).transpose(0, 1),
                ElementType.F32);
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, transposed.toFloatArray());
    }

    @Test
    void defaultTypesFollowNumpyConventions() throws IOException {
        assertEquals(ElementType.F32, ElementType.of(DType.FLOAT32));
        assertEquals(ElementType.F64, ElementType.of(DType.FLOAT64));
        assertEquals(ElementType.I64, ElementType.of(DType.INT32));
        assertEquals(ElementType.BOOL, ElementType.of(DType.BOOL));
        Path file = dir.resolve("labels.npy");
        Npy.write(file, Tensor.ofInts(new int[] {3, 1}, 2));
        String header = new String(Files.readAllBytes(file), 10, 20, StandardCharsets.US_ASCII);
        assertTrue(header.startsWith("{'descr': '<i8'"), header);
    }

    @Test
    void bytesMatchAHandAssembledFile() throws IOException {
        Path file = dir.resolve("w.npy");
        Npy.write(file, Tensor.of(new float[] {1, -2, 0.5f, 3}, 2, 2));

        // NumPy: dict, 21 - len("2") spaces of growth room, padding to 128 bytes in all, a newline
        String text = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }" + " ".repeat(20);
        byte[] expected = new Bytes().raw(0x93).ascii("NUMPY").raw(1, 0).u16(118)
                .ascii(text + " ".repeat(117 - text.length()) + "\n").f32(1).f32(-2).f32(0.5f).f32(3).toArray();
        assertArrayEquals(expected, Files.readAllBytes(file));
    }

    @Test
    void shapesAreWrittenAsPythonTuples() throws IOException {
        String[] expected = {"'shape': (), }", "'shape': (3,), }", "'shape': (1, 2, 3), }"};
        Tensor[] tensors = {Tensor.scalar(1, DType.FLOAT32), Tensor.zeros(3), Tensor.zeros(1, 2, 3)};
        for (int i = 0; i < tensors.length; i++) {
            Path file = dir.resolve("s" + i + ".npy");
            Npy.write(file, tensors[i]);
            byte[] bytes = Files.readAllBytes(file);
            String header = new String(bytes, 10, 118, StandardCharsets.US_ASCII);
            assertTrue(header.contains(expected[i]), header);
            assertEquals(128 + 4L * tensors[i].numel(), bytes.length);
        }
    }

    @Test
    void headersLongerThan64KiBUseVersion2() throws IOException {
        int[] shape = new int[25_000];
        Arrays.fill(shape, 1);
        Path file = dir.resolve("deep.npy");
        Npy.write(file, Tensor.ofInts(new int[] {42}, shape), ElementType.I32);
        byte[] bytes = Files.readAllBytes(file);
        assertEquals(2, bytes[6]);
        assertEquals(0, (bytes.length - 4) % 64, "data aligned to 64 bytes");
        Tensor back = Npy.read(file);
        assertArrayEquals(shape, back.shape());
        assertArrayEquals(new int[] {42}, back.toIntArray());
    }

    @Test
    void refusedConversionsNameTheProblem() {
        Path file = dir.resolve("x.npy");
        Tensor ints = Tensor.ofInts(new int[] {0, 256}, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Npy.write(file, ints, ElementType.U8));
        assertTrue(e.getMessage().contains("element 1 is 256, outside 0..255"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Npy.write(file, Tensor.ofInts(new int[] {-1}, 1), ElementType.U8));
        assertTrue(e.getMessage().contains("element 0 is -1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Npy.write(file, Tensor.zeros(2), ElementType.I64));
        assertTrue(e.getMessage().contains("(FLOAT32) as I64, which holds INT32"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Npy.write(file, Tensor.zeros(2), ElementType.F16));
        assertTrue(e.getMessage().contains("which Sabre only reads"), e.getMessage());
        assertTrue(Files.notExists(file));
    }
}
