package sabre.apps.serve;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sabre.data.Datasets;
import sabre.data.ImageDataset;
import sabre.data.OpenedDataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real embedded database: migration from empty, rows, counts, and the export read back by the folder loader. */
class FeedbackStoreTest {
    @TempDir
    Path dir;

    @Test
    void migratesAnEmptyDatabaseOnceAndKeepsRowsAcrossReopening() throws Exception {
        Path file = dir.resolve("fb");
        try (FeedbackStore db = FeedbackStore.open(file)) {
            assertTrue(Files.exists(dir.resolve("fb.mv.db")));
            assertTrue(db.tables().containsAll(List.of("FEEDBACK", "flyway_schema_history")), db.tables().toString());
            assertEquals(0, db.count());
            db.add("m@1", 2, "Pullover", 6, "Shirt", new float[] {0.1f, 0.9f}, gray(1, 28));
        }
        try (FeedbackStore db = FeedbackStore.open(dir.resolve("fb.mv.db"))) { // reopening migrates nothing
            assertEquals(1, db.count());
            List<FeedbackStore.Feedback> rows = new ArrayList<>();
            db.forEach(rows::add);
            FeedbackStore.Feedback f = rows.get(0);
            assertEquals("m@1", f.modelId());
            assertEquals(2, f.predicted());
            assertEquals("Shirt", f.correctedName());
            assertArrayEquals(new float[] {0.1f, 0.9f}, f.probabilities());
            assertArrayEquals(gray(1, 28), f.imagePng());
        }
    }

    @Test
    void confusionCountsPredictedAgainstCorrected() throws Exception {
        try (FeedbackStore db = FeedbackStore.open(dir.resolve("fb"))) {
            db.add("m", 0, "a", 1, "b", new float[3], gray(1, 4));
            db.add("m", 0, "a", 1, "b", new float[3], gray(2, 4));
            db.add("m", 2, "c", 0, "a", new float[3], gray(3, 4));
            int[][] c = db.confusion(3);
            assertArrayEquals(new int[] {0, 2, 0}, c[0]);
            assertArrayEquals(new int[] {0, 0, 0}, c[1]);
            assertArrayEquals(new int[] {1, 0, 0}, c[2]);
        }
    }

    @Test
    void refusesAFileThatIsNotADatabase() throws IOException {
        Path junk = dir.resolve("junk.mv.db");
        Files.writeString(junk, "not a database");
        IOException e = assertThrows(IOException.class, () -> FeedbackStore.open(junk));
        assertTrue(e.getMessage().contains("junk.mv.db"), e.getMessage());
    }

    @Test
    void exportIsAnImageFolderDataSetTheTrainerReads() throws Exception {
        Path out = dir.resolve("export");
        List<byte[]> shirts = new ArrayList<>();
        try (FeedbackStore db = FeedbackStore.open(dir.resolve("fb"))) {
            for (int i = 0; i < 6; i++) { // 6 shirts: 5 to train/, the 5th to test/
                shirts.add(gray(10 + i, 28));
                db.add("m", 0, "T-shirt/top", 6, "Shirt", new float[10], shirts.get(i));
            }
            db.add("m", 6, "Shirt", 0, "T-shirt/top", new float[10], gray(99, 28)); // one: copied to test/ too
            db.add("m", 1, "Trouser", 3, "../../evil", new float[10], gray(77, 28)); // a hostile name stays inside
            assertEquals(8, FeedbackExport.write(db, out));
        }
        assertTrue(Files.isRegularFile(out.resolve("train/03-evil/8.png")));
        OpenedDataset d = Datasets.open("folder:" + out + "@28x28,gray");
        ImageDataset train = d.train();
        ImageDataset test = d.test();
        assertEquals(List.of("00-t-shirt-top", "03-evil", "06-shirt"), train.classNames());
        assertEquals(train.classNames(), test.classNames());
        assertEquals(1 + 1 + 5, train.size());
        assertEquals(1 + 1 + 1, test.size());
        // the 5th shirt (position 4) is the test image, pixel for pixel
        assertArrayEquals(Pictures.png(test.pixels(2), 1, 28, 28), shirts.get(4));
        String csv = Files.readString(out.resolve("export.csv"));
        assertTrue(csv.contains(",test-copy,0,\"T-shirt/top\",00-t-shirt-top,test/00-t-shirt-top/7.png,"), csv);
        assertThrows(IOException.class, () -> {
            try (FeedbackStore db = FeedbackStore.open(dir.resolve("fb"))) {
                FeedbackExport.write(db, out); // not empty any more
            }
        });
    }

    /** A 28×28 (size×size) grey PNG whose pixels depend on {@code seed}. */
    static byte[] gray(int seed, int size) {
        byte[] px = new byte[size * size];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (i * seed + seed);
        }
        return Pictures.png(px, 1, size, size);
    }

}
