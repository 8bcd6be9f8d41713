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
 * images; ASR = fooled / correct).
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
        m.put("clean_accuracy", s.cleanAccuracy());
        m.put("asr", s.asr());
        m.put("l0_pixels", s.l0Pixels());
        m.put("l0_elements", s.l0Elements());
        m.put("l1", s.l1());
        m.put("l2", s.l2());
        m.put("linf", s.linf());
        m.put("seconds_per_image", s.secondsPerImage());
        return m;
    }

    /** Writes one object when there is one row, else an array (atomically, pretty-printed). */
    public static void write(Path file, List<? extends Map<String, Object>> rows) throws IOException {
        Object value = rows.size() == 1 ? rows.get(0) : rows;
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        AtomicFiles.write(file, out -> json.writeValue(out, value));
    }
}
