package sabre.nn.io;

import java.io.IOException;

/**
 * A consumer that may throw {@link IOException}: the body that writes a file's content in
 * {@link AtomicFiles#write}.
 *
 * <pre>{@code IOConsumer<OutputStream> body = out -> out.write(bytes);}</pre>
 */
@FunctionalInterface
public interface IOConsumer<T> {
    /** Consumes {@code value}. */
    void accept(T value) throws IOException;
}
