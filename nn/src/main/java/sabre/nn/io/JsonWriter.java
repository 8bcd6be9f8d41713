package sabre.nn.io;

import java.util.List;
import java.util.Map;

/**
 * Writes compact ASCII JSON for file headers: maps with string keys (in iteration order), lists, strings,
 * {@link Long}, {@link Integer} and {@link Boolean}. Characters outside printable ASCII become {@code \}{@code uXXXX}
 * escapes, as with Python's {@code json.dumps}, so the output is the same in every encoding.
 *
 * <pre>{@code String text = JsonWriter.write(Map.of("shape", List.of(2L, 3L))); // {"shape":[2,3]}}</pre>
 */
final class JsonWriter {
    private JsonWriter() {
    }

    /** The JSON text of {@code value}; throws {@link IllegalArgumentException} for any other kind of value. */
    static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        append(sb, value);
        return sb.toString();
    }

    private static void append(StringBuilder sb, Object value) {
        if (value instanceof Map<?, ?> map) {
            sb.append('{');
            String sep = "";
            for (Map.Entry<?, ?> e : map.entrySet()) {
                sb.append(sep);
                quote(sb, (String) e.getKey());
                sb.append(':');
                append(sb, e.getValue());
                sep = ",";
            }
            sb.append('}');
        } else if (value instanceof List<?> list) {
            sb.append('[');
            String sep = "";
            for (Object o : list) {
                sb.append(sep);
                append(sb, o);
                sep = ",";
            }
            sb.append(']');
        } else if (value instanceof String s) {
            quote(sb, s);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Boolean) {
            sb.append(value);
        } else {
            throw new IllegalArgumentException("json: cannot write " + value);
        }
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c >= 0x7F) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
