package sabre.nn.io;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import sabre.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** Files written by {@code numpy.save} (see io_fixtures.py) read exactly, and Sabre writes the very same bytes. */
class NpyInteropTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"f4.npy", "f8.npy", "f2.npy", "i8.npy", "i4.npy", "u1.npy", "b1.npy", "scalar_f4.npy",
        "empty_f4.npy", "image_u1.npy", "f4_v2.npy", "f4_v3.npy"})
    void readsNumpyFilesExactly(String name) throws IOException {
        Fixtures.assertTensor(Fixtures.expected(name).get("array"), Npy.read(Fixtures.path(name)), name);
    }

    @ParameterizedTest
    @CsvSource({"f4.npy, F32", "f8.npy, F64", "i8.npy, I64", "i4.npy, I32", "u1.npy, U8", "b1.npy, BOOL",
        "scalar_f4.npy, F32", "empty_f4.npy, F32", "image_u1.npy, U8"})
    void writesTheBytesNumpyWrites(String name, ElementType type) throws IOException {
        Path numpyFile = Fixtures.path(name);
        Tensor t = Npy.read(numpyFile);
        Path sabreFile = dir.resolve(name);
        Npy.write(sabreFile, t, type);
        assertArrayEquals(Files.readAllBytes(numpyFile), Files.readAllBytes(sabreFile), name);
    }
}
