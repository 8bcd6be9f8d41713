package sabre.apps.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import sabre.nn.io.AtomicFiles;
import sabre.nn.io.FormatException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The folder where a long job (a data-set-wide attack, mask generation) keeps its finished batches, so that a job
 * killed at any moment continues from the last finished batch when run again. {@code settings.json} (everything that
 * determines the batches' contents) is written before the first batch; each batch is one file written atomically
 * ({@link AtomicFiles}: temporary file, fsync, rename), so a batch file is either complete or absent. Opening the
 * folder again checks the settings: other settings are refused with an error naming each difference. Batch files
 * without a {@code settings.json} (a clean-up killed half-way) are dropped, as are temporary files of writes a kill
 * interrupted. {@link #delete()} removes the batches first and {@code settings.json} last.
 *
 * <pre>{@code JobJournal j = JobJournal.open(out.resolve("journal"), settings, "sabre attack");
 * if (!j.has(b)) { write(j.batch(b)); } ... j.delete();}</pre>
 */
public final class JobJournal {
    private static final String SETTINGS = "settings.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final Path dir;

    private JobJournal(Path dir) {
        this.dir = dir;
    }

    /**
     * Opens (creating when missing) the journal in {@code dir} for a job with {@code settings}; {@code command}
     * names the job in errors. Refuses a journal of other settings with an {@link IllegalArgumentException} that
     * lists every differing setting.
     */
    public static JobJournal open(Path dir, Map<String, ?> settings, String command) throws IOException {
        Files.createDirectories(dir);
        JobJournal journal = new JobJournal(dir);
        AtomicFiles.deleteLeftovers(dir); // of writes a kill interrupted
        JsonNode wanted = JSON.readTree(JSON.writeValueAsString(settings)); // as it reads back (int, not long)
        Path file = dir.resolve(SETTINGS);
        if (Files.exists(file)) {
            JsonNode found = read(file);
            if (!found.equals(wanted)) {
                throw new IllegalArgumentException(command + ": " + dir + " holds the finished batches of a run with "
                        + "other settings (" + String.join("; ", differences(found, wanted)) + "); delete " + dir
                        + " to start afresh, or choose another --out");
            }
            return journal;
        }
        journal.deleteBatches(); // orphans of an interrupted delete(): their settings are unknown
        AtomicFiles.write(file, out -> JSON.writeValue(out, wanted));
        return journal;
    }

    /** The folder. */
    public Path dir() {
        return dir;
    }

    /** The file of batch {@code b} ({@code batch-000012.safetensors}). */
    public Path batch(int b) {
        return dir.resolve(String.format(Locale.ROOT, "batch-%06d.safetensors", b));
    }

    /** Whether batch {@code b} is finished. */
    public boolean has(int b) {
        return Files.exists(batch(b));
    }

    /** How many of batches {@code 0 .. count - 1} are finished. */
    public int finished(int count) {
        int n = 0;
        for (int b = 0; b < count; b++) {
            n += has(b) ? 1 : 0;
        }
        return n;
    }

    /** Removes the journal: the batches, then {@code settings.json}, then the folder. */
    public void delete() throws IOException {
        AtomicFiles.deleteLeftovers(dir);
        deleteBatches();
        Files.deleteIfExists(dir.resolve(SETTINGS));
        Files.deleteIfExists(dir);
    }

    /** Removes the journal in {@code dir}, if there is one, as {@link #delete()} does. */
    public static void deleteIfExists(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            new JobJournal(dir).delete();
        }
    }

    private void deleteBatches() throws IOException {
        for (Path f : list("batch-")) {
            Files.delete(f);
        }
    }

    private List<Path> list(String prefix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)).sorted().toList();
        }
    }

    private static JsonNode read(Path file) throws IOException {
        try {
            return JSON.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new FormatException(file, "expected the JSON settings of a journal: " + e.getOriginalMessage());
        }
    }

    /** Each setting that differs, as {@code name: A there, B now} (nested fields as dotted names). */
    static List<String> differences(JsonNode there, JsonNode now) {
        Map<String, String> a = flatten(there);
        Map<String, String> b = flatten(now);
        TreeMap<String, String> keys = new TreeMap<>(a);
        keys.putAll(b);
        List<String> out = new ArrayList<>();
        for (String k : keys.keySet()) {
            String x = a.getOrDefault(k, "(absent)");
            String y = b.getOrDefault(k, "(absent)");
            if (!x.equals(y)) {
                out.add(k + ": " + x + " there, " + y + " now");
            }
        }
        return out;
    }

    private static Map<String, String> flatten(JsonNode node) {
        Map<String, String> out = new TreeMap<>();
        flatten("", node, out);
        return out;
    }

    private static void flatten(String path, JsonNode node, Map<String, String> out) {
        if (node.isObject() && node.size() > 0) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), out);
            }
        } else {
            out.put(path.isEmpty() ? "(settings)" : path, node.toString());
        }
    }
}
