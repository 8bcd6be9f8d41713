package sabre.nn.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes a file so that readers (and a crash) see either the complete old content or the complete new content,
 * never a torn mix: the body writes a temporary file in the target's directory ({@code .name.<random>.tmp}), which
 * is flushed to disk ({@link FileChannel#force}), renamed over the target in one atomic step
 * ({@link StandardCopyOption#ATOMIC_MOVE}) and followed by a sync of the directory so the rename itself survives a
 * power loss. On a file system without atomic renames the move falls back to
 * {@link StandardCopyOption#REPLACE_EXISTING}, which is not atomic there; the directory sync is skipped where the
 * platform cannot open a directory (Windows). If the body or any step fails, the temporary file is deleted, the
 * previous target is left untouched and the exception propagates; an {@link IOException} (a full disk, a file-size
 * limit, a read-only directory) as the cause of one whose message starts with the target.
 *
 * <pre>{@code AtomicFiles.write(Path.of("run/last.safetensors"), out -> out.write(bytes));}</pre>
 */
public final class AtomicFiles {
    /** The end of a temporary file's name of {@link #write}: a random UUID and {@code .tmp}. */
    private static final String RANDOM_TMP = "\\p{XDigit}{8}(-\\p{XDigit}{4}){3}-\\p{XDigit}{12}\\.tmp";
    /** The name of a temporary file of {@link #write}: a dot, the target's name, a dot, {@link #RANDOM_TMP}. */
    private static final Pattern LEFTOVER = Pattern.compile("\\..+\\." + RANDOM_TMP);

    private AtomicFiles() {
    }

    /**
     * Replaces {@code target} with what {@code body} writes. The stream is buffered; the body may close it or not.
     */
    public static void write(Path target, IOConsumer<OutputStream> body) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Path temp = dir.resolve("." + absolute.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                body.accept(new KeepOpen(out));
                out.flush();
                channel.force(true);
            }
            move(temp, absolute);
        } catch (IOException | RuntimeException | Error e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            if (e instanceof IOException io && !(io instanceof FormatException)) {
                // "File too large", "No space left on device", "Read-only file system" name no file: say which
                throw new IOException(absolute + ": not written (" + io.getMessage() + "); the previous file, if any, "
                        + "is unchanged", io);
            }
            throw e;
        }
        syncDirectory(dir);
    }

    /**
     * Deletes the temporary files that writes into {@code dir} left behind when their process was killed
     * ({@code .name.<random>.tmp}); returns how many. Call it only where no other process writes at the same time.
     */
    public static int deleteLeftovers(Path dir) throws IOException {
        return deleteMatching(dir, LEFTOVER);
    }

    /**
     * Like {@link #deleteLeftovers(Path)}, only those of writes to {@code target} (in a folder that holds other
     * files too); returns how many.
     */
    public static int deleteLeftoversOf(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Pattern own = Pattern.compile(Pattern.quote("." + absolute.getFileName() + ".") + RANDOM_TMP);
        return Files.isDirectory(absolute.getParent()) ? deleteMatching(absolute.getParent(), own) : 0;
    }

    private static int deleteMatching(Path dir, Pattern names) throws IOException {
        int n = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (names.matcher(f.getFileName().toString()).matches() && Files.deleteIfExists(f)) {
                    n++;
                }
            }
        }
        return n;
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            // Not atomic on this file system, but the content was complete and synced before the move.
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Directories cannot be opened or synced on this platform: the rename is durable when the OS says so.
        }
    }

    /** Forwards writes; {@code close()} only flushes, so the channel stays open for {@code force}. */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
