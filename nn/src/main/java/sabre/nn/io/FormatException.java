package sabre.nn.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file that does not follow its format (safetensors, npy, checkpoint): the one exception every reader in
 * {@code sabre.nn.io} raises for bad content. The message starts with the file and then says where (a byte offset,
 * a JSON field, a tensor name) and what was expected versus found, e.g.
 * {@code model.safetensors: header length 1099511627776 at byte offset 0 exceeds the 120 bytes after it}.
 *
 * <pre>{@code
 * try { SafeTensors.read(p); } catch (FormatException e) { log(e.file() + " is damaged: " + e.getMessage()); }
 * }</pre>
 */
public final class FormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /** A problem in {@code file}; {@code detail} says where and what was expected versus found. */
    public FormatException(Path file, String detail) {
        super(file + ": " + detail);
        this.file = file;
    }

    /** The file that was being read. */
    public Path file() {
        return file;
    }
}
