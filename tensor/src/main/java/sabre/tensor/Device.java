package sabre.tensor;

import java.util.Locale;
import java.util.Objects;

/**
 * Where a tensor's storage lives: a backend type ({@code reference}, {@code cpu}, {@code opencl}, {@code cuda}) and
 * an index. Parsed from strings such as {@code "cpu"}, {@code "opencl:0"}, {@code "cuda:1"}.
 *
 * <p>The default device comes from the system property {@code sabre.device}, else the environment variable
 * {@code SABRE_DEVICE}, else {@code cpu}.
 *
 * <pre>{@code Tensor x = Tensor.zeros(Device.parse("reference"), DType.FLOAT64, 2, 3);}</pre>
 */
public record Device(String type, int index) {
    /** The plain-loop reference backend: the executable specification. */
    public static final Device REFERENCE = new Device("reference", 0);
    /** The fastest CPU backend present (the reference backend when no faster one is installed). */
    public static final Device CPU = new Device("cpu", 0);

    public Device {
        Objects.requireNonNull(type, "device type");
        if (type.isEmpty() || !type.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_')) {
            throw new IllegalArgumentException("device: invalid type '" + type + "'");
        }
        if (index < 0) {
            throw new IllegalArgumentException("device: negative index " + index + " for '" + type + "'");
        }
    }

    /** Parses {@code "type"} or {@code "type:index"}, case-insensitively. */
    public static Device parse(String spec) {
        Objects.requireNonNull(spec, "device spec");
        String s = spec.trim().toLowerCase(Locale.ROOT);
        int colon = s.indexOf(':');
        if (colon < 0) {
            return new Device(s, 0);
        }
        try {
            return new Device(s.substring(0, colon), Integer.parseInt(s.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("device: cannot parse index in '" + spec + "'", e);
        }
    }

    /** The default device: property {@code sabre.device}, else env {@code SABRE_DEVICE}, else {@code cpu}. */
    public static Device defaultDevice() {
        String spec = System.getProperty("sabre.device");
        if (spec == null || spec.isBlank()) {
            spec = System.getenv("SABRE_DEVICE");
        }
        return spec == null || spec.isBlank() ? CPU : parse(spec);
    }

    @Override
    public String toString() {
        return type + ":" + index;
    }
}
