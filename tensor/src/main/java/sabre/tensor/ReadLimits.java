package sabre.tensor;

/**
 * The most a file reader may allocate because a file's header says so: elements of one array (safetensors tensor,
 * {@code .npy} array, idx or CIFAR data set, decoded image set) and pixels of one decoded image. Readers compare a
 * header's declared sizes with these limits, and with the file's length, before they allocate anything, so a lying
 * header fails with a message instead of exhausting memory.
 *
 * <p>Defaults: {@link Shape#MAX_ELEMENTS} elements and 2<sup>26</sup> pixels (8,192 × 8,192). Set them for a whole JVM
 * with the system properties {@code sabre.read.maxElements} and {@code sabre.read.maxImagePixels}
 * ({@code JAVA_OPTS="-Dsabre.read.maxElements=100000000" sabre train ...}), or for a block of code with
 * {@link #override}, which tests use to check the refusal without multi-gigabyte files.
 *
 * <pre>{@code
 * try (ReadLimits.Scope s = ReadLimits.override(1_000, 64 * 64)) { Npy.read(path); } // refuses > 1,000 elements
 * }</pre>
 */
public final class ReadLimits {
    /** System property holding the element limit. */
    public static final String MAX_ELEMENTS_PROPERTY = "sabre.read.maxElements";
    /** System property holding the image-pixel limit. */
    public static final String MAX_IMAGE_PIXELS_PROPERTY = "sabre.read.maxImagePixels";
    /** Default largest decoded image, in pixels. */
    public static final long DEFAULT_MAX_IMAGE_PIXELS = 1L << 26;

    private static volatile long[] current = {
            fromProperty(MAX_ELEMENTS_PROPERTY, Shape.MAX_ELEMENTS),
            fromProperty(MAX_IMAGE_PIXELS_PROPERTY, DEFAULT_MAX_IMAGE_PIXELS)};

    private ReadLimits() {
    }

    /** Largest element count a reader allocates for one array or data set. */
    public static long maxElements() {
        return current[0];
    }

    /** Largest width × height of an image a decoder is allowed to decode. */
    public static long maxImagePixels() {
        return current[1];
    }

    /** Restores the limits that were in force when {@link #override} was called. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Sets both limits for the whole JVM until the returned scope is closed. {@code maxElements} must lie in
     * {@code 1..}{@link Shape#MAX_ELEMENTS}, {@code maxImagePixels} must be positive.
     * Meant for tests and single-job tools: the limits are global, not per thread.
     */
    public static Scope override(long maxElements, long maxImagePixels) {
        Check.arg(maxElements >= 1 && maxElements <= Shape.MAX_ELEMENTS, "ReadLimits",
                "maxElements %d outside 1..%d", maxElements, Shape.MAX_ELEMENTS);
        Check.arg(maxImagePixels >= 1, "ReadLimits", "maxImagePixels %d must be positive", maxImagePixels);
        long[] previous = current;
        current = new long[] {maxElements, maxImagePixels};
        return () -> current = previous;
    }

    /**
     * The property's value (capped at {@link Shape#MAX_ELEMENTS}, as no Java array holds more), or {@code fallback}
     * when unset; a malformed or non-positive value is an error.
     */
    static long fromProperty(String name, long fallback) {
        String text = System.getProperty(name);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        long value;
        try {
            value = Long.parseLong(text.strip().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("system property " + name + "=" + text + " is not an integer", e);
        }
        Check.arg(value >= 1, "ReadLimits", "system property %s=%d must be positive", name, value);
        return Math.min(value, Shape.MAX_ELEMENTS);
    }
}
