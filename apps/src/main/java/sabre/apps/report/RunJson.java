package sabre.apps.report;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import sabre.nn.io.FormatException;

import java.io.CharConversionException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Strict reading of the JSON files of a run directory ({@code provenance.json}, {@code metrics.json}): malformed JSON,
 * a value of the wrong kind or a missing field raises {@link FormatException} naming the file, the field path and
 * what was expected versus found, never a ClassCastException or NullPointerException.
 *
 * <pre>{@code
 * Map<?, ?> prov = RunJson.read(file, Map.class);
 * int classes = RunJson.positiveInt(RunJson.object(prov, "model", file), "model.classes", file);
 * }</pre>
 */
public final class RunJson {
    /** Largest integer field accepted where a size is expected (image side, channels, classes). */
    static final int MAX_SIZE = 1 << 20;

    private RunJson() {
    }

    /** The whole file as {@code type} ({@code Map.class} for an object, {@code List.class} for an array). */
    public static <T> T read(Path file, Class<T> type) throws IOException {
        try {
            return new ObjectMapper().readValue(file.toFile(), type);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new FormatException(file, "expected a JSON " + (type == Map.class ? "object" : "array")
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")") + ": "
                    + e.getOriginalMessage());
        } catch (CharConversionException e) {
            throw new FormatException(file, "expected JSON text in UTF-8, UTF-16 or UTF-32: " + e.getMessage());
        }
    }

    /** Field {@code key} of {@code parent}, which must be a JSON object. */
    public static Map<?, ?> object(Map<?, ?> parent, String key, Path file) throws FormatException {
        Object v = parent.get(key);
        if (!(v instanceof Map<?, ?> m)) {
            throw new FormatException(file, "field '" + key + "': expected an object, found " + describe(v));
        }
        return m;
    }

    /** Field {@code path}'s last part of {@code parent}, which must be a string. */
    public static String string(Map<?, ?> parent, String path, Path file) throws FormatException {
        Object v = parent.get(last(path));
        if (!(v instanceof String s)) {
            throw new FormatException(file, "field '" + path + "': expected a string, found " + describe(v));
        }
        return s;
    }

    /** Field {@code path}'s last part of {@code parent}, which must be an integer in {@code 1..}{@link #MAX_SIZE}. */
    public static int positiveInt(Map<?, ?> parent, String path, Path file) throws FormatException {
        Object v = parent.get(last(path));
        if (!(v instanceof Integer i) || i < 1 || i > MAX_SIZE) {
            throw new FormatException(file, "field '" + path + "': expected an integer in 1.." + MAX_SIZE
                    + ", found " + describe(v));
        }
        return i;
    }

    /** A short description of a JSON value for error messages. */
    static String describe(Object v) {
        if (v == null) {
            return "nothing (null or missing)";
        }
        String text = v instanceof String s ? "\"" + s + "\"" : String.valueOf(v);
        return (text.length() > 60 ? text.substring(0, 60) + "..." : text) + " (" + kind(v) + ")";
    }

    private static String kind(Object v) {
        return v instanceof Map ? "object" : v instanceof java.util.List ? "array" : v instanceof String ? "string"
                : v instanceof Boolean ? "boolean" : "number";
    }

    private static String last(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }
}
