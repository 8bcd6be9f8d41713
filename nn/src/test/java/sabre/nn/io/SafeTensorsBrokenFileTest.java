package sabre.nn.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import sabre.tensor.DType;
import sabre.tensor.ReadLimits;
import sabre.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Damaged safetensors files: each must raise {@link FormatException} naming the file and the problem, quickly and
 * without allocating what a lying header asks for.
 */
class SafeTensorsBrokenFileTest {
    @TempDir
    Path dir;

    private Path file(byte[] content) throws IOException {
        Path p = dir.resolve("broken.safetensors");
        Files.write(p, content);
        return p;
    }

    private Path header(String json, int dataBytes) throws IOException {
        return file(new Bytes().safetensorsHeader(json).raw(new int[dataBytes]).toArray());
    }

    private byte[] validFile() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("w", Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
        tensors.put("n", Tensor.scalar(3, DType.INT32));
        tensors.put("m", Tensor.ofBools(new boolean[] {true, false, true}, 3));
        tensors.put("d", Tensor.of(new double[] {0.5, -0.5}, 2));
        Path p = dir.resolve("valid.safetensors");
        SafeTensors.write(p, tensors, Map.of("epoch", "1"));
        return Files.readAllBytes(p);
    }

    @Test
    void everyTruncationIsRejected() throws IOException {
        byte[] valid = validFile();
        for (int cut = 0; cut < valid.length; cut++) {
            Path p = file(Arrays.copyOf(valid, cut));
            Rejects.read(p, () -> SafeTensors.read(p));
        }
    }

    @Test
    void shapeOverTheConfiguredElementLimitIsRefusedBeforeReading() throws IOException {
        Path p = header("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"U8\",\"shape\":[3,4],\"data_offsets\":[8,20]}}", 20);
        try (ReadLimits.Scope limit = ReadLimits.override(11, ReadLimits.DEFAULT_MAX_IMAGE_PIXELS)) {
            Rejects.read(p, () -> SafeTensors.read(p), "tensor 'b': shape [3, 4] declares more than the limit of 11 "
                    + "elements", ReadLimits.MAX_ELEMENTS_PROPERTY);
        }
        assertEquals(12, SafeTensors.read(p).tensors().get("b").numel(), "the same file within the default limit");
    }

    @Test
    void absurdHeaderLengthIsCheckedAgainstTheFileSize() throws IOException {
        Path p = file(new Bytes().u64(1L << 40).ascii("{}").toArray());
        Rejects.read(p, () -> SafeTensors.read(p), "header length 1099511627776", "byte offset 0",
                "exceeds the 2 bytes");
    }

    @Test
    void headerLengthWithTheTopBitSetIsReportedUnsigned() throws IOException {
        Path p = file(new Bytes().u64(-1).ascii("{}").toArray());
        Rejects.read(p, () -> SafeTensors.read(p), "header length 18446744073709551615");
    }

    @Test
    void headerAboveTheLimitIsRefusedEvenWhenTheFileIsThatLong() throws IOException {
        Path p = dir.resolve("sparse.safetensors");
        try (var ch = java.nio.channels.FileChannel.open(p, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.SPARSE)) {
            ch.write(java.nio.ByteBuffer.wrap(new Bytes().u64(200_000_000).toArray()));
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {' '}), 200_000_007);
        }
        Rejects.read(p, () -> SafeTensors.read(p), "header length 200000000", "limit of 100000000");
    }

    @Test
    void tooShortForTheLengthField() throws IOException {
        Path p = file(new byte[] {1, 0, 0});
        Rejects.read(p, () -> SafeTensors.read(p), "3 bytes", "8-byte header length");
    }

    static Stream<Arguments> malformedJson() {
        return Stream.of(
                Arguments.of("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}",
                        "expected ',' or '}', found the end"),
                Arguments.of("{\"a\" {}}",
                        "expected ':', found '{'"),
                Arguments.of("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},}",
                        "expected a string key, found '}'"),
                Arguments.of("[1, 2]",
                        "not a JSON object"),
                Arguments.of("{\"a\":1,\"a\":2}",
                        "duplicate key \"a\""),
                Arguments.of("{\"a\":tru}",
                        "expected true"),
                Arguments.of("{\"a\":01}",
                        "leading zero"),
                Arguments.of("{\"a\":\"\\x\"}",
                        "invalid escape"),
                Arguments.of("{\"a\":99999999999999999999999}",
                        "does not fit in 64 bits"),
                Arguments.of("{} {}",
                        "expected the end of the JSON header"),
                Arguments.of("",
                        "expected a JSON value, found the end"));
    }

    @ParameterizedTest
    @MethodSource("malformedJson")
    void malformedJsonNamesTheByteOffset(String json, String problem) throws IOException {
        Path p = header(json.strip(), 4);
        Rejects.read(p, () -> SafeTensors.read(p), problem);
    }

    @Test
    void malformedJsonReportsTheFileOffset() throws IOException {
        Path p = header("{\"a\" {}}", 0);
        Rejects.read(p, () -> SafeTensors.read(p), "malformed JSON header at byte offset 13");
    }

    @Test
    void deepNestingIsRefusedWithoutAStackOverflow() throws IOException {
        Path p = header("{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}", 0);
        Rejects.read(p, () -> SafeTensors.read(p), "nested deeper than 64");
    }

    @Test
    void invalidUtf8InAStringIsRefused() throws IOException {
        byte[] json = new Bytes().ascii("{\"__metadata__\":{\"k\":\"").raw(0xC3, 0x28).ascii("\"}}").toArray();
        Path p = file(new Bytes().u64(json.length).raw(toInts(json)).toArray());
        Rejects.read(p, () -> SafeTensors.read(p), "invalid UTF-8", "byte offset 30");
    }

    static Stream<Arguments> inconsistentHeaders() {
        return Stream.of(
                Arguments.of("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,12]}}",
                        8, "[0, 12] outside the 8-byte data buffer"),
                Arguments.of("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,0]}}",
                        8, "[4, 0] outside"),
                Arguments.of("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[-8,0]}}",
                        8, "[-8, 0] outside"),
                Arguments.of("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}",
                        8, "span 8 bytes, but shape [3] of F32 needs 12"),
                Arguments.of("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[2,6]}}",
                        8, "tensor 'b' (data_offsets [2, 6]) overlaps tensor 'a'"),
                Arguments.of("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}",
                        8, "bytes 0..4 of the data buffer belong to no tensor"),
                Arguments.of("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}",
                        8, "has 8 bytes but the tensors cover 4"),
                Arguments.of("{\"a\":{\"dtype\":\"I16\",\"shape\":[1],\"data_offsets\":[0,2]}}",
                        8, "unsupported dtype \"I16\""),
                Arguments.of("{\"a\":{\"dtype\":5,\"shape\":[1],\"data_offsets\":[0,2]}}",
                        8, "\"dtype\" must be a string, found 5"),
                Arguments.of("{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,0]}}",
                        8, "dimension 0 = -1"),
                Arguments.of("{\"a\":{\"dtype\":\"F32\",\"shape\":[4294967296],\"data_offsets\":[0,0]}}",
                        8, "dimension 0 = 4294967296"),
                Arguments.of("{\"a\":{\"dtype\":\"F32\",\"shape\":[65536,65536],\"data_offsets\":[0,0]}}",
                        8, "declares more than the limit of 2147483639 elements"),
                Arguments.of("{\"a\":{\"dtype\":\"F32\",\"shape\":[2147483647,2147483647,2147483647,2147483647],"
                                + "\"data_offsets\":[0,0]}}",
                        8, "declares more than"),
                Arguments.of("{\"a\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,4]}}",
                        8, "element 0 is 1.5, expected an integer"),
                Arguments.of("{\"a\":{\"dtype\":\"F32\",\"shape\":2,\"data_offsets\":[0,4]}}",
                        8, "\"shape\": expected an array"),
                Arguments.of("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4,8]}}",
                        8, "expected an array of 2 integers"),
                Arguments.of("{\"a\":{\"dtype\":\"F32\",\"shape\":[1]}}",
                        8, "expected an object with fields"),
                Arguments.of("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"x\":1}}",
                        8, "found fields [dtype, shape, data_offsets, x]"),
                Arguments.of("{\"a\":[]}",
                        8, "tensor 'a': expected an object"),
                Arguments.of("{\"__metadata__\":{\"epoch\":3}}",
                        0, "field \"epoch\": expected a string, found 3"),
                Arguments.of("{\"__metadata__\":[\"x\"]}",
                        0, "must be an object of strings"));
    }

    @ParameterizedTest
    @MethodSource("inconsistentHeaders")
    void inconsistentHeadersNameTheTensorAndTheProblem(String json, int dataBytes, String problem) throws IOException {
        Path p = header(json.strip(), dataBytes);
        Rejects.read(p, () -> SafeTensors.read(p), problem);
    }

    @Test
    void int64OutsideInt32IsRefusedNamingTheTensorAndElement() throws IOException {
        String json = "{\"steps\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[0,16]}}";
        Path p = file(new Bytes().safetensorsHeader(json)
                .u64(1).u64(1L << 31).toArray());
        Rejects.read(p, () -> SafeTensors.read(p), "tensor 'steps'", "element 1", "2147483648", "INT32 range");
    }

    @Test
    void boolBytesOtherThanZeroOrOneAreRefused() throws IOException {
        String json = "{\"m\":{\"dtype\":\"BOOL\",\"shape\":[3],\"data_offsets\":[0,3]}}";
        Path p = file(new Bytes().safetensorsHeader(json)
                .raw(1, 0, 2).toArray());
        Rejects.read(p, () -> SafeTensors.read(p), "tensor 'm'", "element 2", "is 2, expected a bool byte 0 or 1");
    }

    @Test
    void everySingleByteCorruptionIsReadOrRejectedCleanly() throws IOException {
        byte[] valid = validFile();
        int[] replacements = {0x00, '"', '[', ',', '9', 0xFF};
        for (int i = 0; i < valid.length; i++) {
            for (int r : replacements) {
                byte[] corrupt = valid.clone();
                corrupt[i] = (byte) r;
                Path p = file(corrupt);
                try {
                    SafeTensors.read(p);
                } catch (FormatException e) {
                    assertTrue(e.getMessage().startsWith(p + ": "), e.getMessage());
                }
            }
        }
    }

    private static int[] toInts(byte[] bytes) {
        int[] out = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[i] & 0xFF;
        }
        return out;
    }
}
