package sabre.apps.serve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the corrected images of a feedback database as an image-folder data set that
 * {@code sabre train --data folder:OUT@HxW[,gray]} reads: {@code OUT/train/<NN>-<slug>/<id>.png} and
 * {@code OUT/test/…} with the same class folders, plus {@code OUT/export.csv}. A class folder is named by the
 * corrected label's index (zero-padded, so sorted order is label order) and its name's {@link Slugs slug}, so no
 * stored name can reach outside {@code OUT}. Per class, every 5th image (positions 4, 9, …) goes to test/; a class
 * with no test image then gets its first train image copied there too (the folder loader needs every class in
 * both parts), which the CSV marks as {@code test-copy}. Rows are grouped in memory (the images are stored at the
 * model's input size, a few KiB each).
 *
 * <pre>{@code int n = FeedbackExport.write(db, Path.of("feedback-data"));}</pre>
 */
public final class FeedbackExport {
    /** One image in five goes to test/. */
    public static final int TEST_EVERY = 5;

    private FeedbackExport() {
    }

    /** Exports every row of {@code db} to {@code out} (which must not exist or be empty); returns the row count. */
    public static int write(FeedbackStore db, Path out) throws IOException, SQLException {
        if (Files.exists(out)) {
            try (var entries = Files.list(out)) {
                if (entries.findAny().isPresent()) {
                    throw new IOException(out + ": not empty (export writes a fresh folder)");
                }
            }
        }
        TreeMap<Integer, List<FeedbackStore.Feedback>> byClass = new TreeMap<>();
        db.forEach(row -> byClass.computeIfAbsent(row.corrected(), k -> new ArrayList<>()).add(row));
        int digits = byClass.isEmpty() ? 2 : Math.max(2, Integer.toString(byClass.lastKey()).length());
        StringBuilder csv = new StringBuilder("id,split,label,class,folder,file,predicted,model_id,created_at\n");
        int count = 0;
        for (Map.Entry<Integer, List<FeedbackStore.Feedback>> e : byClass.entrySet()) {
            List<FeedbackStore.Feedback> list = e.getValue();
            String folder = String.format("%0" + digits + "d-%s", e.getKey(), Slugs.of(list.get(0).correctedName()));
            boolean anyTest = false;
            for (int i = 0; i < list.size(); i++) {
                boolean test = i % TEST_EVERY == TEST_EVERY - 1;
                anyTest |= test;
                count++;
                String split = test ? "test" : "train";
                csv.append(line(put(out, split, folder, list.get(i)), split, list.get(i)));
            }
            if (!anyTest) {
                csv.append(line(put(out, "test", folder, list.get(0)), "test-copy", list.get(0)));
            }
        }
        Files.createDirectories(out);
        Files.writeString(out.resolve("export.csv"), csv);
        return count;
    }

    private static String put(Path out, String split, String folder, FeedbackStore.Feedback row) throws IOException {
        Path dir = out.resolve(split).resolve(folder);
        Files.createDirectories(dir);
        String file = row.id() + ".png";
        Files.write(dir.resolve(file), row.imagePng());
        return split + "/" + folder + "/" + file;
    }

    private static String line(String path, String split, FeedbackStore.Feedback row) {
        String folder = path.substring(path.indexOf('/') + 1, path.lastIndexOf('/'));
        return row.id() + "," + split + "," + row.corrected() + "," + quoted(row.correctedName()) + "," + folder + ","
                + path + "," + row.predicted() + "," + quoted(row.modelId()) + "," + row.createdAt() + "\n";
    }

    private static String quoted(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
