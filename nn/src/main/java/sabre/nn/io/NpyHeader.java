package sabre.nn.io;

import sabre.tensor.ReadLimits;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The header of an .npy file: a Python dict literal {@code {'descr': '<f4', 'fortran_order': False, 'shape': (2,
 * 3), }} padded with spaces and a newline. {@link #parse} accepts exactly that subset of Python (strings in single or
 * double quotes, {@code True}/{@code False}, tuples of non-negative integers) with exactly those three keys;
 * {@link #format} writes the bytes {@code numpy.save} writes for the same array, preamble included.
 *
 * <pre>{@code NpyHeader h = NpyHeader.parse(headerBytes, 10, file); int[] shape = h.shape();}</pre>
 */
record NpyHeader(ElementType type, int[] shape) {
    private static final List<String> KEYS = List.of("descr", "fortran_order", "shape");
    /** NumPy aligns the data to 64 bytes and leaves room for the first dimension to grow to 21 digits. */
    private static final int ALIGN = 64;
    private static final int GROWTH_DIGITS = 21;
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    /** The 6 magic bytes every .npy file starts with. */
    static byte[] magic() {
        return MAGIC.clone();
    }

    /** Parses header text that starts at byte {@code fileOffset} of {@code file}. */
    static NpyHeader parse(byte[] text, long fileOffset, Path file) throws FormatException {
        Parser p = new Parser(new String(text, StandardCharsets.ISO_8859_1), fileOffset, file);
        Map<String, Object> dict = p.dict();
        if (!dict.keySet().equals(Set.copyOf(KEYS))) {
            throw new FormatException(file, "npy header has keys " + dict.keySet() + ", expected exactly " + KEYS);
        }
        if (!(dict.get("descr") instanceof String descr)) {
            throw new FormatException(file, "npy header: 'descr' must be a string, found " + dict.get("descr")
                    + " (structured arrays are not supported)");
        }
        ElementType type = ElementType.fromNpyDescr(descr);
        if (type == null) {
            throw new FormatException(file, "npy header: unsupported dtype descr '" + descr + "'"
                    + (descr.startsWith(">") ? " (big-endian; save it with arr.astype(arr.dtype.newbyteorder('<')))"
                    : ", expected one of '<f2', '<f4', '<f8', '<i4', '<i8', '|u1', '|b1'"));
        }
        if (!(dict.get("fortran_order") instanceof Boolean fortran)) {
            throw new FormatException(file, "npy header: 'fortran_order' must be True or False, found "
                    + dict.get("fortran_order"));
        }
        if (fortran) {
            throw new FormatException(file, "npy header: fortran_order is True, but only C-order arrays are supported"
                    + " (save numpy.ascontiguousarray(arr) instead)");
        }
        if (!(dict.get("shape") instanceof long[] dims)) {
            throw new FormatException(file, "npy header: 'shape' must be a tuple of integers, found "
                    + dict.get("shape"));
        }
        int[] shape = new int[dims.length];
        long numel = 1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] > Integer.MAX_VALUE) {
                throw new FormatException(file, "npy header: shape " + Arrays.toString(dims) + " has dimension " + i
                        + " = " + dims[i] + ", expected 0.." + Integer.MAX_VALUE);
            }
            shape[i] = (int) dims[i];
            numel *= dims[i];
            if (numel > ReadLimits.maxElements()) {
                throw new FormatException(file, "npy header: shape " + Arrays.toString(dims) + " declares more than "
                        + "the limit of " + ReadLimits.maxElements() + " elements (" + ReadLimits.MAX_ELEMENTS_PROPERTY
                        + ")");
            }
        }
        return new NpyHeader(type, shape);
    }

    /** Magic, version, header length and header exactly as {@code numpy.save} writes them (version 1.0 or 2.0). */
    byte[] format() {
        StringBuilder tuple = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            tuple.append(i > 0 ? ", " : "").append(shape[i]);
        }
        tuple.append(shape.length == 1 ? ",)" : ")");
        String dict = "{'descr': '" + type.npyDescr() + "', 'fortran_order': False, 'shape': " + tuple + ", }"
                + (shape.length > 0 ? " ".repeat(GROWTH_DIGITS - String.valueOf(shape[0]).length()) : "");
        int lengthBytes = 2;
        int total = padded(dict.length() + 1, 8 + lengthBytes);
        if (total > 0xFFFF) {
            lengthBytes = 4;
            total = padded(dict.length() + 1, 8 + lengthBytes);
        }
        byte[] out = new byte[8 + lengthBytes + total];
        System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
        out[6] = (byte) (lengthBytes == 2 ? 1 : 2);
        for (int i = 0; i < lengthBytes; i++) {
            out[8 + i] = (byte) (total >>> (8 * i));
        }
        byte[] text = (dict + " ".repeat(total - dict.length() - 1) + "\n").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, out, 8 + lengthBytes, text.length);
        return out;
    }

    /** Header length after NumPy's padding: always 1..64 spaces so that preamble + header is a multiple of 64. */
    private static int padded(int length, int preamble) {
        return length + ALIGN - (preamble + length) % ALIGN;
    }

    /** A cursor over the dict literal. */
    private static final class Parser {
        private final String s;
        private final long fileOffset;
        private final Path file;
        private int pos;

        Parser(String s, long fileOffset, Path file) {
            this.s = s;
            this.fileOffset = fileOffset;
            this.file = file;
        }

        Map<String, Object> dict() throws FormatException {
            Map<String, Object> out = new LinkedHashMap<>();
            skipWhitespace();
            expect('{');
            while (true) {
                skipWhitespace();
                if (peek('}')) {
                    break;
                }
                int keyAt = pos;
                String key = string();
                if (out.containsKey(key)) {
                    pos = keyAt;
                    throw error("duplicate key '" + key + "'");
                }
                skipWhitespace();
                expect(':');
                skipWhitespace();
                out.put(key, value());
                skipWhitespace();
                if (!peek(',')) {
                    expect('}');
                    break;
                }
            }
            skipWhitespace();
            if (pos < s.length()) {
                throw error("expected only padding after the dict, found " + found());
            }
            return out;
        }

        private Object value() throws FormatException {
            if (s.startsWith("True", pos)) {
                pos += 4;
                return Boolean.TRUE;
            }
            if (s.startsWith("False", pos)) {
                pos += 5;
                return Boolean.FALSE;
            }
            if (peek('(')) {
                return tuple();
            }
            return string();
        }

        private long[] tuple() throws FormatException {
            List<Long> items = new ArrayList<>();
            boolean trailingComma = false;
            while (true) {
                skipWhitespace();
                if (peek(')')) {
                    break;
                }
                items.add(integer());
                skipWhitespace();
                trailingComma = peek(',');
                if (!trailingComma) {
                    expect(')');
                    break;
                }
            }
            if (items.size() == 1 && !trailingComma) {
                throw error("(n) is not a tuple in Python; expected (n,)");
            }
            return items.stream().mapToLong(Long::longValue).toArray();
        }

        private long integer() throws FormatException {
            int start = pos;
            while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
                pos++;
            }
            if (pos == start) {
                throw error("expected a non-negative integer, found " + found());
            }
            if (pos - start > 18) {
                pos = start;
                throw error("integer with more than 18 digits");
            }
            return Long.parseLong(s.substring(start, pos));
        }

        private String string() throws FormatException {
            if (pos >= s.length() || (s.charAt(pos) != '\'' && s.charAt(pos) != '"')) {
                throw error("expected a quoted string, found " + found());
            }
            char quote = s.charAt(pos);
            int start = ++pos;
            while (pos < s.length() && s.charAt(pos) != quote) {
                if (s.charAt(pos) == '\\' || s.charAt(pos) == '\n') {
                    throw error("unsupported character " + found() + " in a string");
                }
                pos++;
            }
            if (pos >= s.length()) {
                pos = start - 1;
                throw error("unterminated string");
            }
            return s.substring(start, pos++);
        }

        private boolean peek(char c) {
            if (pos < s.length() && s.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        private void expect(char c) throws FormatException {
            if (!peek(c)) {
                throw error("expected '" + c + "', found " + found());
            }
        }

        private void skipWhitespace() {
            while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\n' || s.charAt(pos) == '\t'
                    || s.charAt(pos) == '\r')) {
                pos++;
            }
        }

        private String found() {
            if (pos >= s.length()) {
                return "the end of the header";
            }
            char c = s.charAt(pos);
            return c > 0x20 && c < 0x7F ? "'" + c + "'" : String.format("byte 0x%02x", (int) c);
        }

        private FormatException error(String what) {
            return new FormatException(file, "malformed npy header at byte offset " + (fileOffset + pos) + ": " + what);
        }
    }
}
