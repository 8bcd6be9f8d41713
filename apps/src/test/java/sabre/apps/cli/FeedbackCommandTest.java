package sabre.apps.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sabre.apps.serve.FeedbackStore;
import sabre.apps.serve.Pictures;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code sabre feedback export} through the command line. */
class FeedbackCommandTest {
    @TempDir
    Path dir;

    @Test
    void exportsTheDatabaseAndNamesAMissingOne() throws Exception {
        try (FeedbackStore db = FeedbackStore.open(dir.resolve("fb"))) {
            db.add("m", 1, "Trouser", 8, "Bag", new float[10], Pictures.png(new byte[28 * 28], 1, 28, 28));
        }
        Object[] ok = CliRunner.run("feedback", "export", "--db", dir.resolve("fb.mv.db").toString(), "--out",
                dir.resolve("out").toString());
        assertEquals(0, ok[0], (String) ok[1]);
        assertTrue(Files.isRegularFile(dir.resolve("out/train/08-bag/1.png")));
        Object[] missing = CliRunner.run("feedback", "export", "--db", dir.resolve("none").toString(), "--out",
                dir.resolve("out2").toString());
        assertEquals(1, missing[0]);
        assertTrue(((String) missing[1]).contains("none.mv.db: no feedback database here"), (String) missing[1]);
    }
}
