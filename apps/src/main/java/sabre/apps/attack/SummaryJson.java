package sabre.apps.attack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import sabre.attacks.AttackResult;
import sabre.nn.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An attack's table row as JSON: the settings that produced it (method, options, targeting, seed, …) followed by
 * {@code eps, attacked, correct, fooled, clean_accuracy, asr, l0_pixels, l0_elements, l1, l2, linf,
 * seconds_per_image} from {@link AttackResult#summary()} (norms are means over the fooled correctly classified
 * images; ASR = fooled / correct). A rate or mean with nothing to count is {@code null} (n/a in the tables): ASR when
 * no image was classified correctly, the norms when none was fooled.
 *
 * <pre>{@code SummaryJson.write(dir.resolve("results.json"), List.of(SummaryJson.row(request.settings(), result)));}</pre>
 */
public final class SummaryJson {
    /** The measured fields, in order. */
    public static final List<String> FIELDS = List.of("eps", "attacked", "correct", "fooled", "clean_accuracy", "asr",
            "l0_pixels", "l0_elements", "l1", "l2", "linf", "seconds_per_image");

    private SummaryJson() {
    }

    /** The settings, then the measured fields of {@code r}. */
    public static Map<String, Object> row(Map<String, Object> settings, AttackResult r) {
        AttackResult.Summary s = r.summary();
        Map<String, Object> m = new LinkedHashMap<>(settings);
        m.put("eps", s.eps());
        m.put("attacked", s.attacked());
        m.put("correct", s.correct());
        m.put("fooled", s.fooled());
        m.put("clean_accuracy", s.attacked() == 0 ? null : s.cleanAccuracy());
        m.put("asr", s.correct() == 0 ? null : s.asr());
        boolean norms = s.fooled() > 0;
        m.put("l0_pixels", norms ? s.l0Pixels() : null);
        m.put("l0_elements", norms ? s.l0Elements() : null);
        m.put("l1", norms ? s.l1() : null);
        m.put("l2", norms ? s.l2() : null);
        m.put("linf", norms ? s.linf() : null);
        m.put("seconds_per_image", s.secondsPerImage());
        return m;
    }

    /** A measured field of a row as a number: NaN where it is {@code null} (nothing to count). */
    public static double value(Map<String, Object> row, String key) {
        Object v = row.get(key);
        return v == null ? Double.NaN : ((Number) v).doubleValue();
    }

    /** Writes one object when there is one row, else an array (atomically, pretty-printed). */
    public static void write(Path file, List<? extends Map<String, Object>> rows) throws IOException {
        Object value = rows.size() == 1 ? rows.get(0) : rows;
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        AtomicFiles.write(file, out -> json.writeValue(out, value));
    }
}
