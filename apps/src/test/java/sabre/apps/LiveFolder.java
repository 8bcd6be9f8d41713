package sabre.apps;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads a folder that a running child process is writing: a file or folder that disappears between being listed and
 * being read (a temporary file renamed into place, a journal deleted once the job finishes) is skipped instead of
 * failing the read, as {@link Files#walk} would. Usage: {@code LiveFolder.walk(out).stream().filter(...)}.
 */
public final class LiveFolder {
    private LiveFolder() {
    }

    /** Every path under {@code root} (itself included) that still existed when visited; empty when root does not. */
    public static List<Path> walk(Path root) throws IOException {
        List<Path> found = new ArrayList<>();
        if (!Files.exists(root)) {
            return found;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                found.add(dir);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                found.add(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                return skipIfVanished(e);
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                return e == null ? FileVisitResult.CONTINUE : skipIfVanished(e);
            }
        });
        return found;
    }

    /** The entries of {@code dir}; empty when it does not exist or disappears while being listed. */
    public static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }

    private static FileVisitResult skipIfVanished(IOException e) throws IOException {
        if (e instanceof NoSuchFileException) {
            return FileVisitResult.CONTINUE;
        }
        throw e;
    }
}
