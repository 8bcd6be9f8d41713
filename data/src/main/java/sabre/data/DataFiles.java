package sabre.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** File helpers shared by the loaders: presence checks that say what was expected, and small text files. */
final class DataFiles {
    /** Largest text file (names, annotations) read into memory. */
    static final long MAX_TEXT_BYTES = 64L << 20;

    private DataFiles() {
    }

    /** {@code file} itself when it is a regular file, else a {@link NoSuchFileException} saying what it is for. */
    static Path require(Path file, String what) throws NoSuchFileException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "missing " + what);
        }
        return file;
    }

    /** {@code dir} itself when it is a directory, else a {@link NoSuchFileException} saying what it is for. */
    static Path requireDirectory(Path dir, String what) throws NoSuchFileException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "missing directory: " + what);
        }
        return dir;
    }

    /** The entries of {@code dir} that {@code keep} accepts, sorted by file name (deterministic order). */
    static List<Path> list(Path dir, Predicate<Path> keep) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(keep).sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** All lines of a UTF-8 text file of at most {@link #MAX_TEXT_BYTES}; bytes that are not UTF-8 are an error. */
    static List<String> lines(Path file, String what) throws IOException {
        require(file, what);
        long size = Files.size(file);
        if (size > MAX_TEXT_BYTES) {
            throw new DatasetFormatException(file.toString(), String.format("%,d bytes is too large for %s "
                    + "(limit %,d)", size, what, MAX_TEXT_BYTES));
        }
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer text = CharBuffer.allocate(bytes.length);
        CoderResult result = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(in, text, true);
        if (result.isError()) {
            throw new DatasetFormatException(file.toString(), String.format("%s is not UTF-8 text: byte 0x%02x at "
                    + "offset %,d starts no valid UTF-8 character", what, bytes[in.position()] & 0xFF, in.position()));
        }
        return text.flip().toString().lines().toList();
    }

    /** The non-blank lines of a names file, trimmed; exactly {@code expected} of them, or at least one if -1. */
    static List<String> names(Path file, String what, int expected) throws IOException {
        List<String> names = lines(file, what).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (expected >= 0 ? names.size() != expected : names.isEmpty()) {
            throw new DatasetFormatException(file.toString(), String.format("expected %s names (one per line) in "
                    + "%s, found %d", expected >= 0 ? expected : "at least 1", what, names.size()));
        }
        return names;
    }
}
