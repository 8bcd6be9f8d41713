package sabre.nn.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A write either replaces the whole file or leaves the old one untouched, and never leaves a temp file behind. */
class AtomicFilesTest {
    @TempDir
    Path dir;

    private List<Path> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void createsAndReplaces() throws IOException {
        Path target = dir.resolve("state.bin");
        AtomicFiles.write(target, out -> out.write(bytes("first")));
        assertArrayEquals(bytes("first"), Files.readAllBytes(target));
        AtomicFiles.write(target, out -> {
            out.write(bytes("second, longer"));
            out.close(); // closing inside the body is allowed
        });
        assertArrayEquals(bytes("second, longer"), Files.readAllBytes(target));
        assertEquals(List.of(target), listing());
    }

    @Test
    void writesLargeContentInFull() throws IOException {
        Path target = dir.resolve("big.bin");
        byte[] content = new byte[3 << 20];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31);
        }
        AtomicFiles.write(target, out -> {
            out.write(content, 0, 1000);
            for (int i = 1000; i < 2000; i++) {
                out.write(content[i]);
            }
            out.write(content, 2000, content.length - 2000);
        });
        assertArrayEquals(content, Files.readAllBytes(target));
    }

    @Test
    void crashHalfwayLeavesThePreviousFileAndNoTemp() throws IOException {
        Path target = dir.resolve("checkpoint.safetensors");
        Files.write(target, bytes("previous complete content"));
        IOException crash = new IOException("disk full");
        IOException thrown = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(new byte[200_000]); // more than the buffer: part of it reached the temp file
            out.flush();
            throw crash;
        }));
        assertSame(crash, thrown.getCause());
        assertEquals(target.toAbsolutePath() + ": not written (disk full); the previous file, if any, is unchanged",
                thrown.getMessage());
        assertArrayEquals(bytes("previous complete content"), Files.readAllBytes(target));
        assertEquals(List.of(target), listing());
    }

    @Test
    void runtimeFailureAlsoCleansUp() throws IOException {
        Path target = dir.resolve("fresh.bin");
        assertThrows(UncheckedIOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(bytes("half"));
            throw new UncheckedIOException(new IOException("boom"));
        }));
        assertEquals(List.of(), listing(), "no target was created and no temp is left");
    }

    @Test
    void aDirectoryInTheWayFailsWithoutLeavingATemp() throws IOException {
        Path target = Files.createDirectory(dir.resolve("taken"));
        Files.write(target.resolve("inside"), bytes("x"));
        assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> out.write(bytes("data"))));
        assertEquals(List.of(target), listing());
    }

    @Test
    void deletesOnlyTheTemporaryFilesOfKilledWrites() throws IOException {
        Path target = dir.resolve("results.json");
        AtomicFiles.write(target, out -> out.write(bytes("{}")));
        Path leftover = dir.resolve(".results.json.3f2b8c1e-0a4d-4e8f-9b1c-2d3e4f5a6b7c.tmp");
        Path own = dir.resolve(".notes.tmp"); // a user's file, not one of ours
        Files.write(leftover, bytes("{\"half"));
        Files.write(own, bytes("keep"));
        assertEquals(1, AtomicFiles.deleteLeftovers(dir));
        assertEquals(List.of(own, target), listing());
    }

    @Test
    void deletesOnlyTheLeftoversOfOneTarget() throws IOException {
        Path target = dir.resolve("points.safetensors");
        Path mine = dir.resolve(".points.safetensors.3f2b8c1e-0a4d-4e8f-9b1c-2d3e4f5a6b7c.tmp");
        Path other = dir.resolve(".results.json.3f2b8c1e-0a4d-4e8f-9b1c-2d3e4f5a6b7c.tmp"); // another job's write
        // a longer name that starts with the target's: the write of points.safetensors.summary.json, not of target
        Path longer = dir.resolve(".points.safetensors.summary.json.3f2b8c1e-0a4d-4e8f-9b1c-2d3e4f5a6b7c.tmp");
        Files.write(mine, bytes("half"));
        Files.write(other, bytes("half"));
        Files.write(longer, bytes("half"));
        assertEquals(1, AtomicFiles.deleteLeftoversOf(target));
        assertEquals(List.of(longer, other), listing());
    }
}
