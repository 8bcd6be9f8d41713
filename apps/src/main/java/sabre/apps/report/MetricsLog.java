package sabre.apps.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import sabre.nn.io.AtomicFiles;
import sabre.nn.io.FormatException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Per-epoch metrics kept in order and written as {@code metrics.csv} and {@code metrics.json} after every epoch
 * (so an interrupted run keeps what it measured). Rows are name → number maps with the same keys.
 *
 * <pre>{@code log.add(Map.of("epoch", 1.0, "train_loss", 0.52)); log.write(runDir);}</pre>
 */
public final class MetricsLog {
    private final List<Map<String, Double>> rows = new ArrayList<>();

    /** Appends one epoch's metrics (keys in the order given by the first row). */
    public void add(Map<String, Double> row) {
        if (!rows.isEmpty() && !rows.get(0).keySet().equals(row.keySet())) {
            throw new IllegalArgumentException("metrics: row keys " + row.keySet() + " differ from " + rows.get(0).keySet());
        }
        rows.add(new LinkedHashMap<>(row));
    }

    /** Rows so far. */
    public List<Map<String, Double>> rows() {
        return List.copyOf(rows);
    }

    /**
     * Restores rows (from a resumed run's metrics.json; empty when the file does not exist). Every row must be an
     * object of numbers ({@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"} as Jackson writes non-finite values)
     * with the first row's keys; anything else raises {@link FormatException} naming the row and field.
     */
    public static MetricsLog read(Path json) throws IOException {
        MetricsLog log = new MetricsLog();
        if (Files.exists(json)) {
            List<?> list = RunJson.read(json, List.class);
            for (int i = 0; i < list.size(); i++) {
                if (!(list.get(i) instanceof Map<?, ?> fields)) {
                    throw new FormatException(json, "row " + i + ": expected an object of numbers, found "
                            + RunJson.describe(list.get(i)));
                }
                Map<String, Double> row = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : fields.entrySet()) {
                    row.put((String) e.getKey(), number(e.getValue(), json, i, (String) e.getKey()));
                }
                if (!log.rows.isEmpty() && !log.rows.get(0).keySet().equals(row.keySet())) {
                    throw new FormatException(json, "row " + i + " has fields " + row.keySet() + ", expected "
                            + log.rows.get(0).keySet() + " as in row 0");
                }
                log.add(row);
            }
        }
        return log;
    }

    private static double number(Object v, Path json, int row, String key) throws FormatException {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s && (s.equals("NaN") || s.equals("Infinity") || s.equals("-Infinity"))) {
            return Double.parseDouble(s);
        }
        throw new FormatException(json, "row " + row + ", field '" + key + "': expected a number, found "
                + RunJson.describe(v));
    }

    /** A log holding only the first {@code n} rows (all of them when there are fewer). */
    public MetricsLog firstRows(int n) {
        MetricsLog out = new MetricsLog();
        rows.stream().limit(Math.max(0, n)).forEach(out::add);
        return out;
    }

    /** One column as an array. */
    public double[] column(String key) {
        return rows.stream().mapToDouble(r -> r.getOrDefault(key, Double.NaN)).toArray();
    }

    /** Writes {@code metrics.csv} and {@code metrics.json} into {@code dir}. */
    public void write(Path dir) throws IOException {
        if (rows.isEmpty()) {
            return;
        }
        List<String> keys = new ArrayList<>(rows.get(0).keySet());
        StringBuilder csv = new StringBuilder(String.join(",", keys)).append('\n');
        for (Map<String, Double> r : rows) {
            csv.append(keys.stream().map(k -> format(r.get(k))).collect(Collectors.joining(","))).append('\n');
        }
        // atomic: a run killed while writing must leave the previous, readable metrics for --resume
        byte[] csvBytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(dir.resolve("metrics.csv"), out -> out.write(csvBytes));
        byte[] json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(rows);
        AtomicFiles.write(dir.resolve("metrics.json"), out -> out.write(json));
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.6g", v);
    }
}
