package sabre.apps.attack;

import sabre.attacks.AttackResult;
import sabre.attacks.sparse.Ablation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The thesis's Table 3-7 from an ablation run: one row per variant with ASR, L0 (elements; also pixels for
 * multi-channel images), L1, L2 and L∞; written as text, {@code ablation.json} and {@code ablation.csv}.
 *
 * <pre>{@code System.out.print(AblationReport.table(rows, 1)); AblationReport.write(dir, rows, "pgd");}</pre>
 */
public final class AblationReport {
    private AblationReport() {
    }

    /** The table as text. */
    public static String table(Map<Ablation.Variant, AttackResult> rows, int channels) {
        boolean pixels = channels > 1;
        List<String> head = new ArrayList<>(List.of("variant", "ASR", "L0 (elements)"));
        if (pixels) {
            head.add("L0 (pixels)");
        }
        head.addAll(List.of("L1", "L2", "L\u221e"));
        TextTable t = new TextTable(head.toArray(String[]::new));
        rows.forEach((v, r) -> {
            AttackResult.Summary s = r.summary();
            List<String> cells = new ArrayList<>(List.of(v.label(), Cells.percent(s.asr()), Cells.l0(s.l0Elements())));
            if (pixels) {
                cells.add(Cells.l0(s.l0Pixels()));
            }
            cells.addAll(List.of(Cells.norm(s.l1()), Cells.norm(s.l2()), Cells.linf(s.linf())));
            t.row(cells.toArray(String[]::new));
        });
        return t.render();
    }

    /** Writes {@code ablation.json} (the summary fields plus {@code variant}) and {@code ablation.csv} into dir. */
    public static void write(Path dir, Map<Ablation.Variant, AttackResult> rows, String base) throws IOException {
        Files.createDirectories(dir);
        List<Map<String, Object>> json = new ArrayList<>();
        StringBuilder csv = new StringBuilder("variant," + String.join(",", SummaryJson.FIELDS) + "\n");
        rows.forEach((v, r) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("variant", v.label());
            row.putAll(SummaryJson.row(r.method(), base, r));
            json.add(row);
            List<String> cells = new ArrayList<>();
            row.values().forEach(x -> cells.add(x instanceof Double d ? String.format(Locale.ROOT, "%.9g", d)
                    : String.valueOf(x)));
            csv.append(String.join(",", cells)).append('\n');
        });
        SummaryJson.write(dir.resolve("ablation.json"), json);
        AtomicText.write(dir.resolve("ablation.csv"), csv);
    }
}
