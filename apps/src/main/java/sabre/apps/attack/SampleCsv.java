package sabre.apps.attack;

import sabre.attacks.AttackResult;
import sabre.attacks.Distances;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One CSV row per attacked image: {@code index,label,aimed_at,predicted,clean_correct,success,l0_pixels,
 * l0_elements,l1,l2,linf,iterations}; {@code index} is where the image came from (data set or file position).
 *
 * <pre>{@code SampleCsv.write(dir.resolve("samples.csv"), result, inputs.index());}</pre>
 */
public final class SampleCsv {
    /** The header line. */
    public static final String HEADER = "index,label,aimed_at,predicted,clean_correct,success,l0_pixels,l0_elements,"
            + "l1,l2,linf,iterations";

    private SampleCsv() {
    }

    /** Writes the rows of {@code r} atomically. */
    public static void write(Path file, AttackResult r, int[] index) throws IOException {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        Distances d = r.distances();
        for (int i = 0; i < r.size(); i++) {
            sb.append(String.format(Locale.ROOT, "%d,%d,%d,%d,%b,%b,%d,%d,%.9g,%.9g,%.9g,%d\n", index[i], r.labels()[i],
                    r.aimedAt()[i], r.predicted()[i], r.cleanCorrect()[i], r.success()[i], d.l0Pixels()[i],
                    d.l0Elements()[i], d.l1()[i], d.l2()[i], d.linf()[i], r.iterations()[i]));
        }
        AtomicText.write(file, sb);
    }
}
