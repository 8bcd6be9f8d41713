package sabre.nn.io;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** JsonReader and JsonWriter: values, escapes, key order, strictness, offsets in errors. */
class JsonIoTest {
    private static final Path FILE = Path.of("header.json");

    private static Object parse(String text) throws FormatException {
        return JsonReader.parse(text.getBytes(StandardCharsets.UTF_8), 100, FILE);
    }

    @Test
    void parsesEveryKindOfValue() throws FormatException {
        Object v = parse(" {\"b\": [1, -2, 3.5, -1e-3, 2E+2], \"a\": {\"t\": true, \"f\": false, \"n\": null},"
                + " \"s\": \"q\\\" \\\\ \\/ \\b\\f\\n\\r\\t \\u00e9 \\ud83d\\ude00 caf\u00e9\","
                + " \"e\": [], \"o\": {}}\n ");
        Map<String, Object> expectedInner = new LinkedHashMap<>();
        expectedInner.put("t", true);
        expectedInner.put("f", false);
        expectedInner.put("n", null);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("b", Arrays.asList(1L, -2L, 3.5, -1e-3, 200.0));
        expected.put("a", expectedInner);
        expected.put("s", "q\" \\ / \b\f\n\r\t \u00e9 \ud83d\ude00 caf\u00e9");
        expected.put("e", List.of());
        expected.put("o", Map.of());
        assertEquals(expected, v);
        assertEquals(List.of("b", "a", "s", "e", "o"), new ArrayList<>(((Map<?, ?>) v).keySet()));
    }

    @Test
    void integersKeepAllSixtyFourBits() throws FormatException {
        assertEquals(List.of(Long.MAX_VALUE, Long.MIN_VALUE), parse("[9223372036854775807, -9223372036854775808]"));
        FormatException e = assertThrows(FormatException.class, () -> parse("[9223372036854775808]"));
        assertTrue(e.getMessage().contains("byte offset 101"), e.getMessage());
    }

    @Test
    void writerEscapesAndRoundTrips() throws FormatException {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("z\"\\\n\u0001", List.of(1L, 2, true, "caf\u00e9 \ud83d\ude00"));
        value.put("a", Map.of());
        String text = JsonWriter.write(value);
        assertEquals("{\"z\\\"\\\\\\n\\u0001\":[1,2,true,\"caf\\u00e9 \\ud83d\\ude00\"],\"a\":{}}", text);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("z\"\\\n\u0001", List.of(1L, 2L, true, "caf\u00e9 \ud83d\ude00"));
        expected.put("a", Map.of());
        assertEquals(expected, parse(text));
    }

    @Test
    void refusesWhatRfc8259Refuses() {
        String[] bad = {"{'a': 1}", "[1,]", "{\"a\":1,}", "[.5]", "[1.]", "[1e]", "[-]", "[NaN]", "[\"\t\"]",
            "[\"\\u12\"]", "{\"a\"}", "[1 2]", "\"unterminated", "[+1]"};
        for (String text : bad) {
            FormatException e = assertThrows(FormatException.class, () -> parse(text), text);
            assertTrue(e.getMessage().startsWith("header.json: malformed JSON header at byte offset 1"), text + ": "
                    + e.getMessage());
        }
    }

    @Test
    void writerRefusesUnsupportedValues() {
        assertThrows(IllegalArgumentException.class, () -> JsonWriter.write(List.of(1.5)));
    }
}
