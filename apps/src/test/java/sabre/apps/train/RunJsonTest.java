package sabre.apps.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sabre.apps.report.MetricsLog;
import sabre.apps.report.Provenance;
import sabre.nn.io.FormatException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The run directory's JSON files: non-finite metrics survive a round trip, damaged files are named precisely. */
class RunJsonTest {
    @TempDir
    Path dir;

    @Test
    void nonFiniteMetricsReadBackAsWritten() throws IOException {
        MetricsLog log = new MetricsLog();
        Map<String, Double> row = new LinkedHashMap<>();
        row.put("epoch", 1.0);
        row.put("train_loss", Double.NaN);
        row.put("test_loss", Double.POSITIVE_INFINITY);
        row.put("lr", Double.NEGATIVE_INFINITY);
        log.add(row);
        log.write(dir);
        assertEquals(log.rows(), MetricsLog.read(dir.resolve("metrics.json")).rows());
    }

    @Test
    void damagedMetricsNameTheRowAndField() throws IOException {
        Path file = dir.resolve("metrics.json");
        Files.writeString(file, "[{\"epoch\": 1, \"loss\": 0.5}, {\"epoch\": 2, \"loss\": \"low\"}]");
        assertEquals(file + ": row 1, field 'loss': expected a number, found \"low\" (string)",
                assertThrows(FormatException.class, () -> MetricsLog.read(file)).getMessage());
        Files.writeString(file, "[{\"epoch\": 1}, [2]]");
        assertEquals(file + ": row 1: expected an object of numbers, found [2] (array)",
                assertThrows(FormatException.class, () -> MetricsLog.read(file)).getMessage());
        Files.writeString(file, "[{\"epoch\": 1}, {\"loss\": 2}]");
        assertEquals(file + ": row 1 has fields [loss], expected [epoch] as in row 0",
                assertThrows(FormatException.class, () -> MetricsLog.read(file)).getMessage());
        Files.writeString(file, "[{\"epoch\": 1},");
        assertTrue(assertThrows(FormatException.class, () -> MetricsLog.read(file)).getMessage()
                .startsWith(file + ": expected a JSON array (line 1, column "));
        Files.write(file, new byte[] {0, 0, 0, 0, '"', ':', ' ', '0', '}', ']'});
        assertTrue(assertThrows(FormatException.class, () -> MetricsLog.read(file)).getMessage()
                .startsWith(file + ": expected JSON text in UTF-8, UTF-16 or UTF-32: "));
    }

    @Test
    void provenanceModelSectionIsValidated() throws IOException {
        Path file = dir.resolve("provenance.json");
        Files.writeString(file, "{\"model\": {\"name\": \"smallcnn\", \"in_channels\": 1, \"image_size\": 28, "
                + "\"classes\": \"ten\"}}");
        assertEquals(file + ": field 'model.classes': expected an integer in 1..1048576, found \"ten\" (string)",
                assertThrows(FormatException.class, () -> TrainedModel.architecture(Provenance.read(file), file))
                        .getMessage());
        Files.writeString(file, "{\"model\": [1]}");
        assertEquals(file + ": field 'model': expected an object, found [1] (array)",
                assertThrows(FormatException.class, () -> TrainedModel.architecture(Provenance.read(file), file))
                        .getMessage());
        Files.writeString(file, "[]");
        assertTrue(assertThrows(FormatException.class, () -> Provenance.read(file)).getMessage()
                .startsWith(file + ": expected a JSON object (line 1, column 1)"));
        Files.writeString(file, "{\"model\": {\"name\": \"smallcnn\", \"in_channels\": 1, \"image_size\": 28, "
                + "\"classes\": 10}}");
        TrainedModel.Architecture a = TrainedModel.architecture(Provenance.read(file), file);
        assertEquals("smallcnn", a.name());
        assertEquals(10, a.config().classes());
    }
}
