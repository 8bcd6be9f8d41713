package sabre.apps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Asserts that a job's output folder equals an uninterrupted run's: the same files (nothing missing, nothing left
 * over: no journal, no temporary file), each with the same bytes, except timings, which differ between any two
 * runs: JSON fields and CSV columns whose name starts with {@code seconds}, and the {@code created} time stamp of
 * provenance sections, are left out of the comparison.
 *
 * <pre>{@code SameOutputs.assertSame(tmp.resolve("straight"), tmp.resolve("killed-0"));}</pre>
 */
public final class SameOutputs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SameOutputs() {
    }

    /** Compares every file under {@code expected} with its namesake under {@code actual}; returns how many. */
    public static int assertSame(Path expected, Path actual) throws IOException {
        List<Path> files = relativeFiles(expected);
        assertEquals(files, relativeFiles(actual), actual + ": the files differ from " + expected + "'s");
        for (Path f : files) {
            Path e = expected.resolve(f);
            Path a = actual.resolve(f);
            String name = f.getFileName().toString();
            if (name.endsWith(".json")) {
                assertEquals(withoutTimings(JSON.readTree(e.toFile())), withoutTimings(JSON.readTree(a.toFile())),
                        a.toString());
            } else if (name.endsWith(".csv")) {
                assertEquals(csvWithoutTimings(Files.readAllLines(e)), csvWithoutTimings(Files.readAllLines(a)),
                        a.toString());
            } else {
                assertArrayEquals(Files.readAllBytes(e), Files.readAllBytes(a), a.toString());
            }
        }
        return files.size();
    }

    private static List<Path> relativeFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(dir::relativize).sorted().toList();
        }
    }

    private static JsonNode withoutTimings(JsonNode node) {
        if (node instanceof ObjectNode o) {
            for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
                if (timing(it.next())) {
                    it.remove();
                }
            }
        }
        node.forEach(SameOutputs::withoutTimings);
        return node;
    }

    private static boolean timing(String name) {
        return name.startsWith("seconds") || name.equals("created");
    }

    private static List<List<String>> csvWithoutTimings(List<String> lines) {
        List<List<String>> rows = lines.stream().map(SameOutputs::cells).toList();
        List<Integer> keep = new ArrayList<>();
        for (int c = 0; c < rows.get(0).size(); c++) {
            if (!timing(rows.get(0).get(c))) {
                keep.add(c);
            }
        }
        return rows.stream().map(r -> keep.stream().map(r::get).toList()).toList();
    }

    /** The cells of one CSV line ({@code "a,b"} quoted, {@code ""} an escaped quote). */
    private static List<String> cells(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '"') {
                if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (ch == ',' && !quoted) {
                out.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        out.add(cell.toString());
        return out;
    }
}
