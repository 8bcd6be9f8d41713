package sabre.apps.serve;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The feedback database: an embedded H2 file ({@code FILE.mv.db}) whose schema Flyway migrates on open (scripts in
 * {@code sabre/apps/serve/db}); every statement is a {@link PreparedStatement} with bound parameters. Thread-safe
 * (a small connection pool).
 *
 * <pre>{@code try (FeedbackStore db = FeedbackStore.open(Path.of("runs/demo/feedback"))) { db.add(row); }}</pre>
 */
public final class FeedbackStore implements AutoCloseable {
    private static final String SUFFIX = ".mv.db";

    private final JdbcConnectionPool pool;

    /** One correction: what the model said, what the person chose, and the image the model saw (PNG). */
    public record Feedback(long id, Instant createdAt, String modelId, int predicted, String predictedName,
                           int corrected, String correctedName, float[] probabilities, byte[] imagePng) {
    }

    private FeedbackStore(JdbcConnectionPool pool) {
        this.pool = pool;
    }

    /**
     * Opens (creating and migrating when needed) the database at {@code file} ({@code .mv.db} optional); a file that
     * is not an H2 database, one in use by another process, or a failed migration raises an {@link IOException}.
     */
    public static FeedbackStore open(Path file) throws IOException {
        String path = file.toAbsolutePath().normalize().toString();
        if (path.endsWith(SUFFIX)) {
            path = path.substring(0, path.length() - SUFFIX.length());
        }
        JdbcConnectionPool pool = JdbcConnectionPool.create("jdbc:h2:file:" + path + ";DB_CLOSE_ON_EXIT=FALSE", "sa",
                "");
        try {
            Flyway.configure().dataSource(pool).locations("classpath:sabre/apps/serve/db").load().migrate();
        } catch (RuntimeException e) {
            pool.dispose();
            throw new IOException("feedback database " + path + SUFFIX + ": " + rootMessage(e), e);
        }
        return new FeedbackStore(pool);
    }

    /** Stores one correction (its id and time are assigned here) and returns its id. */
    public long add(String modelId, int predicted, String predictedName, int corrected, String correctedName,
                    float[] probabilities, byte[] imagePng) throws SQLException {
        String sql = "INSERT INTO feedback (created_at, model_id, predicted, predicted_name, corrected, "
                + "corrected_name, probabilities, image_png) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection c = pool.getConnection(); PreparedStatement st = c.prepareStatement(sql, new String[] {"ID"})) {
            st.setTimestamp(1, Timestamp.from(Instant.now()));
            st.setString(2, modelId);
            st.setInt(3, predicted);
            st.setString(4, predictedName);
            st.setInt(5, corrected);
            st.setString(6, correctedName);
            st.setString(7, csv(probabilities));
            st.setBytes(8, imagePng);
            st.executeUpdate();
            try (ResultSet keys = st.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** How many rows there are. */
    public int count() throws SQLException {
        try (Connection c = pool.getConnection();
             PreparedStatement st = c.prepareStatement("SELECT COUNT(*) FROM feedback");
             ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** counts[predicted][corrected] over the rows whose labels lie in {@code 0 .. classes-1}. */
    public int[][] confusion(int classes) throws SQLException {
        int[][] counts = new int[classes][classes];
        String sql = "SELECT predicted, corrected, COUNT(*) FROM feedback WHERE predicted BETWEEN 0 AND ? "
                + "AND corrected BETWEEN 0 AND ? GROUP BY predicted, corrected";
        try (Connection c = pool.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setInt(1, classes - 1);
            st.setInt(2, classes - 1);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    counts[rs.getInt(1)][rs.getInt(2)] = rs.getInt(3);
                }
            }
        }
        return counts;
    }

    /** What {@link #forEach} does with each row. */
    public interface RowAction {
        void accept(Feedback row) throws IOException;
    }

    /** Every row in id order, one at a time (images are not all held in memory). */
    public void forEach(RowAction action) throws SQLException, IOException {
        String sql = "SELECT id, created_at, model_id, predicted, predicted_name, corrected, corrected_name, "
                + "probabilities, image_png FROM feedback ORDER BY id";
        try (Connection c = pool.getConnection(); PreparedStatement st = c.prepareStatement(sql);
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                action.accept(new Feedback(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                        rs.getInt(4), rs.getString(5), rs.getInt(6), rs.getString(7), floats(rs.getString(8)),
                        rs.getBytes(9)));
            }
        }
    }

    /** The names of the tables the migrations created (for tests and diagnostics). */
    public List<String> tables() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = pool.getConnection(); PreparedStatement st = c.prepareStatement(
                "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC' ORDER BY TABLE_NAME");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    @Override
    public void close() {
        pool.dispose();
    }

    private static String csv(float[] values) {
        StringJoiner j = new StringJoiner(",");
        for (float v : values) {
            j.add(Float.toString(v));
        }
        return j.toString();
    }

    private static float[] floats(String csv) {
        String[] parts = csv.isEmpty() ? new String[0] : csv.split(",");
        float[] out = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Float.parseFloat(parts[i]);
        }
        return out;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
