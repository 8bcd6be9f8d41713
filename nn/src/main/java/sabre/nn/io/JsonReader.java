package sabre.nn.io;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small strict JSON reader for file headers (RFC 8259, nothing more). It works on the raw UTF-8 bytes so every
 * error names the byte offset in the file. Objects become {@link LinkedHashMap} (key order kept,
 * duplicate keys rejected), arrays {@link List}, integers without fraction or exponent {@link Long}, other numbers
 * {@link Double}, plus {@link String}, {@link Boolean} and {@code null}. Nesting is limited to 64 levels and
 * whitespace may follow the value (safetensors pads its header with spaces).
 *
 * <pre>{@code Object header = JsonReader.parse(headerBytes, 8, file);}</pre>
 */
final class JsonReader {
    private static final int MAX_DEPTH = 64;
    private static final int MAX_INTEGER_DIGITS = 20;

    private final byte[] b;
    private final int end;
    private final long fileOffset;
    private final Path file;
    private int pos;

    private JsonReader(byte[] bytes, long fileOffset, Path file) {
        this.b = bytes;
        this.end = bytes.length;
        this.fileOffset = fileOffset;
        this.file = file;
    }

    /**
     * Parses all of {@code bytes} as one JSON value; {@code fileOffset} is where they start in {@code file}, so
     * errors name the file's byte offset.
     */
    static Object parse(byte[] bytes, long fileOffset, Path file) throws FormatException {
        JsonReader p = new JsonReader(bytes, fileOffset, file);
        Object value = p.value(0);
        p.skipWhitespace();
        if (p.pos < p.end) {
            throw p.error("expected the end of the JSON header, found " + p.found());
        }
        return value;
    }

    private Object value(int depth) throws FormatException {
        skipWhitespace();
        if (depth > MAX_DEPTH) {
            throw error("JSON nested deeper than " + MAX_DEPTH + " levels");
        }
        if (pos >= end) {
            throw error("expected a JSON value, found the end of the header");
        }
        return switch (b[pos]) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (b[pos] == '-' || isDigit(pos)) {
                    yield number();
                }
                throw error("expected a JSON value, found " + found());
            }
        };
    }

    private Map<String, Object> object(int depth) throws FormatException {
        Map<String, Object> out = new LinkedHashMap<>();
        pos++;
        skipWhitespace();
        if (pos < end && b[pos] == '}') {
            pos++;
            return out;
        }
        while (true) {
            skipWhitespace();
            int keyAt = pos;
            if (pos >= end || b[pos] != '"') {
                throw error("expected a string key, found " + found());
            }
            String key = string();
            if (out.containsKey(key)) {
                pos = keyAt;
                throw error("duplicate key \"" + key + "\"");
            }
            skipWhitespace();
            expect(':');
            out.put(key, value(depth + 1));
            skipWhitespace();
            if (pos < end && b[pos] == ',') {
                pos++;
            } else if (pos < end && b[pos] == '}') {
                pos++;
                return out;
            } else {
                throw error("expected ',' or '}', found " + found());
            }
        }
    }

    private List<Object> array(int depth) throws FormatException {
        List<Object> out = new ArrayList<>();
        pos++;
        skipWhitespace();
        if (pos < end && b[pos] == ']') {
            pos++;
            return out;
        }
        while (true) {
            out.add(value(depth + 1));
            skipWhitespace();
            if (pos < end && b[pos] == ',') {
                pos++;
            } else if (pos < end && b[pos] == ']') {
                pos++;
                return out;
            } else {
                throw error("expected ',' or ']', found " + found());
            }
        }
    }

    private String string() throws FormatException {
        int start = pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            int run = pos;
            while (pos < end && b[pos] != '"' && b[pos] != '\\' && (b[pos] & 0xFF) >= 0x20) {
                pos++;
            }
            sb.append(utf8(run, pos));
            if (pos >= end) {
                pos = start;
                throw error("unterminated string");
            }
            if (b[pos] == '"') {
                pos++;
                return sb.toString();
            }
            if (b[pos] != '\\') {
                throw error("unescaped control character " + found() + " in a string");
            }
            pos++;
            sb.append(escape());
        }
    }

    private char escape() throws FormatException {
        if (pos >= end) {
            throw error("expected an escape character, found the end of the header");
        }
        byte c = b[pos++];
        return switch (c) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '/' -> '/';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> {
                if (end - pos < 4) {
                    throw error("expected 4 hex digits after \\u, found the end of the header");
                }
                int v = 0;
                for (int i = 0; i < 4; i++, pos++) {
                    int d = Character.digit(b[pos], 16);
                    if (d < 0) {
                        throw error("expected a hex digit after \\u, found " + found());
                    }
                    v = v * 16 + d;
                }
                yield (char) v;
            }
            default -> {
                pos--;
                throw error("invalid escape \\" + found());
            }
        };
    }

    private String utf8(int from, int to) throws FormatException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b, from, to - from))
                    .toString();
        } catch (CharacterCodingException e) {
            pos = from;
            throw error("invalid UTF-8 in a string");
        }
    }

    private Object number() throws FormatException {
        int start = pos;
        if (b[pos] == '-') {
            pos++;
        }
        if (!isDigit(pos)) {
            throw error("expected a digit, found " + found());
        }
        if (b[pos] == '0' && isDigit(pos + 1)) {
            throw error("leading zero in a number");
        }
        digits();
        boolean integer = true;
        if (pos < end && b[pos] == '.') {
            integer = false;
            pos++;
            requireDigits();
        }
        if (pos < end && (b[pos] == 'e' || b[pos] == 'E')) {
            integer = false;
            pos++;
            if (pos < end && (b[pos] == '+' || b[pos] == '-')) {
                pos++;
            }
            requireDigits();
        }
        String text = new String(b, start, pos - start, StandardCharsets.US_ASCII);
        if (!integer) {
            return Double.parseDouble(text);
        }
        try {
            if (text.length() > MAX_INTEGER_DIGITS) {
                throw new NumberFormatException();
            }
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            pos = start;
            throw error("integer with " + text.length() + " characters does not fit in 64 bits");
        }
    }

    private void requireDigits() throws FormatException {
        if (!isDigit(pos)) {
            throw error("expected a digit, found " + found());
        }
        digits();
    }

    private void digits() {
        while (isDigit(pos)) {
            pos++;
        }
    }

    private boolean isDigit(int at) {
        return at < end && b[at] >= '0' && b[at] <= '9';
    }

    private Object literal(String word, Object value) throws FormatException {
        for (int i = 0; i < word.length(); i++) {
            if (pos + i >= end || b[pos + i] != word.charAt(i)) {
                throw error("expected " + word + ", found " + found());
            }
        }
        pos += word.length();
        return value;
    }

    private void expect(char c) throws FormatException {
        if (pos >= end || b[pos] != c) {
            throw error("expected '" + c + "', found " + found());
        }
        pos++;
    }

    private void skipWhitespace() {
        while (pos < end && (b[pos] == ' ' || b[pos] == '\t' || b[pos] == '\n' || b[pos] == '\r')) {
            pos++;
        }
    }

    private String found() {
        if (pos >= end) {
            return "the end of the header";
        }
        int c = b[pos] & 0xFF;
        return c > 0x20 && c < 0x7F ? "'" + (char) c + "'" : String.format("byte 0x%02x", c);
    }

    private FormatException error(String what) {
        return new FormatException(file, "malformed JSON header at byte offset " + (fileOffset + pos) + ": " + what);
    }
}
