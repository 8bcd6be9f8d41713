package sabre.nn.io;

import sabre.tensor.ReadLimits;
import sabre.tensor.Shape;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The validated header of a safetensors file: every tensor's type, shape and byte range, and the metadata. Sizes
 * are checked against the file's length before anything is allocated, and the byte ranges must tile the data
 * buffer exactly (no gap, no overlap), each as long as its shape requires.
 *
 * <pre>{@code SafeTensorsHeader h = SafeTensorsHeader.read(channel, file); long start = h.dataStart();}</pre>
 */
record SafeTensorsHeader(List<Entry> entries, Map<String, String> metadata, long dataStart) {
    /** Largest header accepted, as in the reference implementation (100 MB). */
    static final long MAX_HEADER_BYTES = 100_000_000;
    static final String METADATA_KEY = "__metadata__";
    private static final List<String> FIELDS = List.of("dtype", "shape", "data_offsets");

    /** One tensor: offsets are relative to the data buffer, which starts at {@link #dataStart()}. */
    record Entry(String name, ElementType type, int[] shape, long begin, long end) {
    }

    /** Reads and validates the header of {@code file} through {@code ch}. */
    static SafeTensorsHeader read(FileChannel ch, Path file) throws IOException {
        long size = ch.size();
        if (size < 8) {
            throw new FormatException(file, "file is " + size + " bytes, shorter than the 8-byte header length at "
                    + "byte offset 0");
        }
        long headerBytes = TensorBytes.readFully(ch, 0, 8, file).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (headerBytes < 0 || headerBytes > size - 8) {
            throw new FormatException(file, "header length " + Long.toUnsignedString(headerBytes) + " at byte offset 0"
                    + " exceeds the " + (size - 8) + " bytes after it (file size " + size + ")");
        }
        if (headerBytes > MAX_HEADER_BYTES) {
            throw new FormatException(file, "header length " + headerBytes + " at byte offset 0 exceeds the limit of "
                    + MAX_HEADER_BYTES + " bytes");
        }
        byte[] json = TensorBytes.readFully(ch, 8, (int) headerBytes, file).array();
        if (!(JsonReader.parse(json, 8, file) instanceof Map<?, ?> header)) {
            throw new FormatException(file, "the header at byte offset 8 is not a JSON object");
        }
        long dataStart = 8 + headerBytes;
        long bufferBytes = size - dataStart;
        List<Entry> entries = new ArrayList<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : header.entrySet()) {
            String name = (String) e.getKey();
            if (name.equals(METADATA_KEY)) {
                metadata = metadata(e.getValue(), file);
            } else {
                entries.add(entry(name, e.getValue(), bufferBytes, file));
            }
        }
        checkTiling(entries, bufferBytes, file);
        return new SafeTensorsHeader(entries, metadata, dataStart);
    }

    private static Map<String, String> metadata(Object value, Path file) throws FormatException {
        if (!(value instanceof Map<?, ?> map)) {
            throw new FormatException(file, "\"" + METADATA_KEY + "\" must be an object of strings, found "
                    + describe(value));
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw new FormatException(file, "\"" + METADATA_KEY + "\" field \"" + e.getKey()
                        + "\": expected a string, found " + describe(e.getValue()));
            }
            out.put((String) e.getKey(), s);
        }
        return out;
    }

    private static Entry entry(String name, Object value, long bufferBytes, Path file) throws FormatException {
        String where = "tensor '" + name + "'";
        if (!(value instanceof Map<?, ?> fields) || !fields.keySet().equals(Set.copyOf(FIELDS))) {
            throw new FormatException(file, where + ": expected an object with fields " + FIELDS + ", found "
                    + (value instanceof Map<?, ?> m ? "fields " + m.keySet() : describe(value)));
        }
        if (!(fields.get("dtype") instanceof String dtype)) {
            throw new FormatException(file, where + ": \"dtype\" must be a string, found "
                    + describe(fields.get("dtype")));
        }
        ElementType type = ElementType.fromSafeTensorsName(dtype);
        if (type == null) {
            throw new FormatException(file, where + ": unsupported dtype \"" + dtype + "\", expected one of "
                    + Arrays.toString(ElementType.values()));
        }
        long[] dims = integers(fields.get("shape"), -1, where + ": \"shape\"", file);
        int[] shape = new int[dims.length];
        long numel = 1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 0 || dims[i] > Integer.MAX_VALUE) {
                throw new FormatException(file, where + ": shape " + Arrays.toString(dims) + " has dimension " + i
                        + " = " + dims[i] + ", expected 0.." + Integer.MAX_VALUE);
            }
            shape[i] = (int) dims[i];
            numel *= dims[i];
            if (numel > ReadLimits.maxElements()) {
                throw new FormatException(file, where + ": shape " + Arrays.toString(dims) + " declares more than "
                        + "the limit of " + ReadLimits.maxElements() + " elements (" + ReadLimits.MAX_ELEMENTS_PROPERTY
                        + ")");
            }
        }
        long[] offsets = integers(fields.get("data_offsets"), 2, where + ": \"data_offsets\"", file);
        long begin = offsets[0];
        long end = offsets[1];
        if (begin < 0 || begin > end || end > bufferBytes) {
            throw new FormatException(file, where + ": data_offsets " + Arrays.toString(offsets) + " outside the "
                    + bufferBytes + "-byte data buffer (expected 0 <= begin <= end <= " + bufferBytes + ")");
        }
        long needed = numel * type.byteSize();
        if (end - begin != needed) {
            throw new FormatException(file, where + ": data_offsets " + Arrays.toString(offsets) + " span "
                    + (end - begin) + " bytes, but shape " + Shape.str(shape) + " of " + type + " needs " + needed);
        }
        return new Entry(name, type, shape, begin, end);
    }

    /** A JSON array of integers, of length {@code count} unless it is -1. */
    private static long[] integers(Object value, int count, String what, Path file) throws FormatException {
        if (!(value instanceof List<?> list) || (count >= 0 && list.size() != count)) {
            throw new FormatException(file, what + ": expected an array of " + (count >= 0 ? count + " " : "")
                    + "integers, found " + describe(value));
        }
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Long v)) {
                throw new FormatException(file, what + ": element " + i + " is " + describe(list.get(i))
                        + ", expected an integer");
            }
            out[i] = v;
        }
        return out;
    }

    private static void checkTiling(List<Entry> entries, long bufferBytes, Path file) throws FormatException {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long covered = 0;
        Entry previous = null;
        for (Entry e : sorted) {
            if (e.begin() < covered) {
                throw new FormatException(file, "tensor '" + e.name() + "' (data_offsets [" + e.begin() + ", "
                        + e.end() + "]) overlaps tensor '" + previous.name() + "' (data_offsets ["
                        + previous.begin() + ", " + previous.end() + "])");
            }
            if (e.begin() > covered) {
                throw new FormatException(file, "bytes " + covered + ".." + e.begin() + " of the data buffer belong"
                        + " to no tensor (expected tensor '" + e.name() + "' to begin at " + covered + ")");
            }
            covered = e.end();
            previous = e;
        }
        if (covered != bufferBytes) {
            throw new FormatException(file, "the data buffer has " + bufferBytes + " bytes but the tensors cover "
                    + covered + " (trailing bytes belong to no tensor)");
        }
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        String text = value instanceof String s ? "\"" + s + "\"" : value.toString();
        String kind = value instanceof Map ? "object " : value instanceof List ? "array " : "";
        return kind + (text.length() > 60 ? text.substring(0, 60) + "..." : text);
    }
}
