package sabre.apps.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A journal reopens with the same settings, refuses others naming each difference, and drops what a kill left. */
class JobJournalTest {
    @TempDir
    Path tmp;

    private static Map<String, Object> settings(long seed, String method) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", method);
        m.put("seed", seed); // a long, read back as an int: still the same settings
        m.put("options", Map.of("steps", "5"));
        return m;
    }

    @Test
    void reopensWithTheSameSettingsAndKeepsFinishedBatches() throws IOException {
        Path dir = tmp.resolve("journal");
        JobJournal j = JobJournal.open(dir, settings(3, "pgd"), "sabre attack");
        Files.writeString(j.batch(1), "done");
        JobJournal again = JobJournal.open(dir, settings(3, "pgd"), "sabre attack");
        assertTrue(again.has(1));
        assertFalse(again.has(0));
        assertEquals(1, again.finished(4));
        assertEquals(dir.resolve("batch-000001.safetensors"), again.batch(1));
        again.delete();
        assertFalse(Files.exists(dir));
    }

    @Test
    void refusesOtherSettingsNamingEachDifference() throws IOException {
        Path dir = tmp.resolve("journal");
        JobJournal.open(dir, settings(3, "pgd"), "sabre attack");
        Map<String, Object> other = settings(4, "pgd");
        other.put("options", Map.of("steps", "7"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JobJournal.open(dir, other, "sabre attack"));
        assertEquals("sabre attack: " + dir + " holds the finished batches of a run with other settings "
                + "(options.steps: \"5\" there, \"7\" now; seed: 3 there, 4 now); delete " + dir + " to start afresh, "
                + "or choose another --out", e.getMessage());
    }

    @Test
    void dropsOrphanBatchesAndTemporaryFilesOfKilledWrites() throws IOException {
        Path dir = tmp.resolve("journal");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("batch-000000.safetensors"), "of unknown settings"); // delete() killed midway
        Files.writeString(dir.resolve(".batch-000001.safetensors.0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0.tmp"), "half");
        JobJournal j = JobJournal.open(dir, settings(3, "pgd"), "sabre attack");
        assertEquals(0, j.finished(2));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("settings.json")), files.toList());
        }
    }
}
