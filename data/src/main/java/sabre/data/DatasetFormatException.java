package sabre.data;

import java.io.IOException;

/**
 * A data-set file is broken: truncated, wrong magic number, a header whose sizes disagree with the file, absurd
 * dimensions, an out-of-range label, an image no decoder can read. The message always starts with the file (or
 * class-path resource) and says what was wrong, where (byte offset, record or line) and what was expected versus
 * found. Loaders check headers against the file length and against sane limits before allocating, so a lying header
 * fails fast instead of exhausting memory. A missing file is reported as {@link java.nio.file.NoSuchFileException}
 * instead, naming the file and what it should have held.
 *
 * <pre>{@code
 * try { Mnist.load(dir, Split.TRAIN, Mnist.DIGITS); }
 * catch (DatasetFormatException e) { System.err.println(e.getMessage()); } // "…/train-images-idx3-ubyte: …"
 * }</pre>
 */
public class DatasetFormatException extends IOException {
    private final String source;
    private final String problem;

    /** A problem with {@code source} (a path or {@code classpath:…} name) described by {@code problem}. */
    public DatasetFormatException(String source, String problem) {
        super(source + ": " + problem);
        this.source = source;
        this.problem = problem;
    }

    /** Like {@link #DatasetFormatException(String, String)}, keeping the low-level cause (a decoder's error). */
    public DatasetFormatException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.source = source;
        this.problem = problem;
    }

    /** The file or resource that is broken. */
    public String source() {
        return source;
    }

    /** What was wrong with it, without the source prefix. */
    public String problem() {
        return problem;
    }
}
