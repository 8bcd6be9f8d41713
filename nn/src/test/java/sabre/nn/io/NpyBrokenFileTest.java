package sabre.nn.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import sabre.tensor.ReadLimits;
import sabre.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Damaged or unsupported .npy files: each must raise {@link FormatException} naming the file and the problem,
 * quickly and without allocating what a lying header asks for.
 */
class NpyBrokenFileTest {
    private static final String F4_2X2 = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }";

    @TempDir
    Path dir;

    private Path file(byte[] content) throws IOException {
        Path p = dir.resolve("broken.npy");
        Files.write(p, content);
        return p;
    }

    private Path npy(String dict, int dataBytes) throws IOException {
        return file(new Bytes().npyHeader(1, dict).raw(new int[dataBytes]).toArray());
    }

    @Test
    void everyTruncationIsRejected() throws IOException {
        Path valid = dir.resolve("valid.npy");
        Npy.write(valid, Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
        byte[] bytes = Files.readAllBytes(valid);
        for (int cut = 0; cut < bytes.length; cut++) {
            Path p = file(Arrays.copyOf(bytes, cut));
            Rejects.read(p, () -> Npy.read(p));
        }
    }

    @Test
    void wrongMagic() throws IOException {
        byte[] bytes = new Bytes().npyHeader(1, F4_2X2).raw(new int[16]).toArray();
        bytes[1] = 'n';
        Path p = file(bytes);
        Rejects.read(p, () -> Npy.read(p), "not an npy file", "expected magic bytes 934e554d5059 at byte offset 0",
                "found 936e554d5059");
    }

    @Test
    void unsupportedVersions() throws IOException {
        for (int[] version : new int[][] {{4, 0}, {1, 1}, {0, 0}}) {
            byte[] bytes = new Bytes().npyHeader(1, F4_2X2).raw(new int[16]).toArray();
            bytes[6] = (byte) version[0];
            bytes[7] = (byte) version[1];
            Path p = file(bytes);
            Rejects.read(p, () -> Npy.read(p), "unsupported npy format version " + version[0] + "." + version[1],
                    "byte offset 6", "expected 1.0, 2.0 or 3.0");
        }
    }

    @Test
    void absurdHeaderLength() throws IOException {
        Path p = file(new Bytes().raw(0x93).ascii("NUMPY").raw(2, 0).u32(0xFFFFFFFFL).ascii("{}").toArray());
        Rejects.read(p, () -> Npy.read(p), "header length 4294967295 at byte offset 8", "exceeds the 2 bytes");
    }

    @Test
    void tooShortFiles() throws IOException {
        Path p = file(new byte[] {(byte) 0x93, 'N', 'U'});
        Rejects.read(p, () -> Npy.read(p), "3 bytes", "10-byte npy preamble");
        Path v2 = file(new Bytes().raw(0x93).ascii("NUMPY").raw(2, 0, 1, 0, 0).toArray());
        Rejects.read(v2, () -> Npy.read(v2), "11 bytes", "12-byte preamble of npy version 2.0");
    }

    @Test
    void dataShorterOrLongerThanTheShapeSays() throws IOException {
        Path shorter = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 3), }", 8);
        Rejects.read(shorter, () -> Npy.read(shorter), "shape [3, 3] of '<f4' needs 36 data bytes from byte offset 128",
                "found 8");
        Path longer = npy(F4_2X2, 17);
        Rejects.read(longer, () -> Npy.read(longer), "needs 16 data bytes", "found 17");
    }

    static Stream<Arguments> badHeaders() {
        return Stream.of(
                Arguments.of("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }",
                        "fortran_order is True, but only C-order arrays are supported"),
                Arguments.of("{'descr': '>f4', 'fortran_order': False, 'shape': (2, 2), }",
                        "unsupported dtype descr '>f4' (big-endian"),
                Arguments.of("{'descr': '<c8', 'fortran_order': False, 'shape': (2, 2), }",
                        "unsupported dtype descr '<c8', expected one of"),
                Arguments.of("{'descr': '|O', 'fortran_order': False, 'shape': (2, 2), }",
                        "unsupported dtype descr '|O'"),
                Arguments.of("{'descr': [('x', '<f4')], 'fortran_order': False, 'shape': (2,), }",
                        "expected a quoted string, found '['"),
                Arguments.of("{'descr': '<f4', 'shape': (2, 2), }",
                        "npy header has keys [descr, shape], expected exactly [descr, fortran_order, shape]"),
                Arguments.of("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), 'x': 'y', }",
                        "has keys [descr, fortran_order, shape, x]"),
                Arguments.of("{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (4,), }",
                        "duplicate key 'descr'"),
                Arguments.of("{'descr': '<f4', 'fortran_order': False, 'shape': (4), }",
                        "(n) is not a tuple in Python"),
                Arguments.of("{'descr': '<f4', 'fortran_order': False, 'shape': (-4,), }",
                        "expected a non-negative integer, found '-'"),
                Arguments.of("{'descr': '<f4', 'fortran_order': 0, 'shape': (4,), }",
                        "expected a quoted string, found '0'"),
                Arguments.of("{'descr': '<f4', 'fortran_order': 'no', 'shape': (4,), }",
                        "'fortran_order' must be True or False, found no"),
                Arguments.of("{'descr': '<f4', 'fortran_order': False, 'shape': '4', }",
                        "'shape' must be a tuple of integers, found 4"),
                Arguments.of("{'descr': '<f4', 'fortran_order': False, 'shape': (65536, 65536), }",
                        "shape [65536, 65536] declares more than the limit of 2147483639 elements"),
                Arguments.of("{'descr': '<f4', 'fortran_order': False, 'shape': (4294967296,), }",
                        "dimension 0 = 4294967296"),
                Arguments.of("{'descr': '<f4', 'fortran_order': False, 'shape': (9999999999999999999999,), }",
                        "integer with more than 18 digits"),
                Arguments.of("{'descr': '<f4, 'fortran_order': False, 'shape': (4,), }",
                        "expected '}', found 'f'"),
                Arguments.of("{'descr': '<f4', 'fortran_order': False, 'shape': (4,), } x",
                        "expected only padding after the dict, found 'x'"),
                Arguments.of("{'descr': '<f4', 'fortran_order': False, 'shape': (4,)",
                        "expected '}', found the end of the header"),
                Arguments.of("'descr'",
                        "malformed npy header at byte offset 10: expected '{', found '''"));
    }

    @ParameterizedTest
    @MethodSource("badHeaders")
    void badHeadersNameTheProblem(String dict, String problem) throws IOException {
        Path p = npy(dict, 16);
        Rejects.read(p, () -> Npy.read(p), problem);
    }

    @Test
    void headerOverTheConfiguredElementLimitIsRefusedBeforeReading() throws IOException {
        Path p = file(new Bytes().npyHeader(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (10, 10), }")
                .raw(new int[400]).toArray());
        try (ReadLimits.Scope limit = ReadLimits.override(99, ReadLimits.DEFAULT_MAX_IMAGE_PIXELS)) {
            Rejects.read(p, () -> Npy.read(p), "shape [10, 10] declares more than the limit of 99 elements",
                    ReadLimits.MAX_ELEMENTS_PROPERTY);
        }
        assertEquals(100, Npy.read(p).numel(), "the same file within the default limit");
    }

    @Test
    void int64OutsideInt32IsRefused() throws IOException {
        Path p = file(new Bytes().npyHeader(1, "{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }")
                .u64(5).u64(-(1L << 31) - 1).toArray());
        Rejects.read(p, () -> Npy.read(p), "array: element 1", "-2147483649", "outside the INT32 range");
    }

    @Test
    void boolBytesOtherThanZeroOrOneAreRefused() throws IOException {
        Path p = file(new Bytes().npyHeader(1, "{'descr': '|b1', 'fortran_order': False, 'shape': (2,), }")
                .raw(1, 255).toArray());
        Rejects.read(p, () -> Npy.read(p), "element 1 at byte offset 129 is 255");
    }
}
