package sabre.apps.attack;

import sabre.attacks.AttackResult;
import sabre.attacks.Classifier;
import sabre.attacks.DenseAttack;
import sabre.attacks.Quantize;
import sabre.attacks.sparse.Ablation;
import sabre.attacks.sparse.AutoAdversary;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The one sequence every attacking command follows: run an attack over the inputs in batches (with a progress
 * bar), write each result's files and {@code results.json}, and print the summary table. {@code sabre attack},
 * {@code ablate}, {@code demo} and {@code compare} differ only in which results they ask for.
 *
 * <pre>{@code List<AttackResult> r = AttackJob.run(f, inputs, request, System.err);
 * AttackJob.write(out, inputs, AttackJob.rows(request, r)); System.out.print(AttackJob.table(rows, 1));}</pre>
 */
public final class AttackJob {
    /**
     * One result of a job as it is written and printed.
     *
     * @param folder where its per-image files go, relative to the job's directory ({@code ""}: the directory itself)
     * @param label its name in the table
     * @param settings what produced it (method, options, targeting, seed, …), written before the measured fields
     */
    public record Row(String folder, String label, Map<String, Object> settings, AttackResult result) {
    }

    private AttackJob() {
    }

    /** One result per radius of the request, in order. */
    public static List<AttackResult> run(Classifier f, Inputs in, AttackRequest request, PrintStream log) {
        return run(f, in, request, UnaryOperator.identity(), log);
    }

    /** The same, each batch's step passed through {@code around} (e.g. {@link AttackJournal#around}). */
    public static List<AttackResult> run(Classifier f, Inputs in, AttackRequest request,
                                         UnaryOperator<Batches.Step> around, PrintStream log) {
        List<Eps> radii = request.radii();
        String label = request.method() + (request.entry().bounded() ? " eps " + radii : "");
        List<AttackResult> results = Batches.run(in.images(), in.labels(), request.batch(), label, log,
                around.apply((start, x, y) -> {
                    int len = x.shape(0);
                    if (request.build(radii.get(0).value(), start, len) instanceof DenseAttack<?> dense) {
                        return dense.run(f, x, y, Eps.values(radii)); // one clean evaluation for every radius
                    }
                    List<AttackResult> out = new ArrayList<>();
                    for (Eps eps : radii) {
                        out.add(request.build(eps.value(), start, len).run(f, x, y));
                    }
                    return out;
                }));
        return results;
    }

    /**
     * {@code --quantize}: each row (marked {@code quantized: false}) followed by its images rounded to 8 bits and
     * measured again ({@code quantized: true}, label {@code ", 8-bit"}, per-image files in its folder's {@code 8bit/}).
     */
    public static List<Row> withQuantized(Classifier f, Inputs in, List<Row> rows) {
        List<Row> out = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> floats = new LinkedHashMap<>(r.settings());
            floats.put("quantized", false);
            Map<String, Object> bits = new LinkedHashMap<>(r.settings());
            bits.put("quantized", true);
            out.add(new Row(r.folder(), r.label(), floats, r.result()));
            out.add(new Row(r.folder().isEmpty() ? "8bit" : r.folder() + "/8bit", r.label() + ", 8-bit", bits,
                    Quantize.to8Bit(f, in.images(), r.result())));
        }
        return out;
    }

    /**
     * The thesis's ablation (Table 3-7) of an AutoAdversary request at its first radius, in batches: one row per
     * variant, in the table's order, each written to a folder named after the variant.
     */
    public static List<Row> ablation(Classifier f, Inputs in, AttackRequest request, PrintStream log) {
        Eps eps = request.radii().get(0);
        Ablation.Variant[] variants = Ablation.Variant.values();
        List<AttackResult> joined = Batches.run(in.images(), in.labels(), request.batch(), "ablation eps " + eps, log,
                (start, x, y) -> {
                    AutoAdversary full = (AutoAdversary) request.build(eps.value(), start, x.shape(0));
                    Map<Ablation.Variant, AttackResult> rows = new Ablation(full).run(f, x, y);
                    return List.of(variants).stream().map(rows::get).toList();
                });
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < variants.length; i++) {
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("variant", variants[i].label());
            settings.putAll(settings(request, eps));
            rows.add(new Row(variants[i].name().toLowerCase(Locale.ROOT).replace('_', '-'), variants[i].label(),
                    settings, joined.get(i)));
        }
        return rows;
    }

    /** The rows of a request's results: one folder per radius when there are several. */
    public static List<Row> rows(AttackRequest request, List<AttackResult> results) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            Eps eps = request.radii().get(i);
            String folder = results.size() == 1 ? "" : AttackOutputs.epsFolder(eps);
            rows.add(new Row(folder, request.method() + (request.entry().bounded() ? " eps " + eps : ""),
                    settings(request, eps), results.get(i)));
        }
        return rows;
    }

    /** The request's settings at radius {@code eps}, as written into the results. */
    public static Map<String, Object> settings(AttackRequest request, Eps eps) {
        Map<String, Object> m = new LinkedHashMap<>(request.settings());
        m.put("eps_text", request.entry().bounded() ? eps.text() : "none");
        return m;
    }

    /**
     * Writes each row's per-image files into {@code dir/folder} and every row into {@code dir/results.json}
     * (one object for one row, else an array) and {@code dir/results.csv}.
     */
    public static void write(Path dir, Inputs in, List<Row> rows) throws IOException {
        write(dir, in, rows, AdversarialGrid.Order.FOOLED_FIRST);
    }

    /** Like {@link #write(Path, Inputs, List)}, with the grids' columns in {@code gridOrder}. */
    public static void write(Path dir, Inputs in, List<Row> rows, AdversarialGrid.Order gridOrder) throws IOException {
        Files.createDirectories(dir);
        List<Map<String, Object>> json = new ArrayList<>();
        for (Row r : rows) {
            AttackOutputs.write(r.folder().isEmpty() ? dir : dir.resolve(r.folder()), in, r, gridOrder);
            json.add(SummaryJson.row(r.settings(), r.result()));
        }
        SummaryJson.write(dir.resolve("results.json"), json);
        AtomicText.write(dir.resolve("results.csv"), csv(json));
    }

    /** The summary table of the rows (see {@link #table(List, List, int)}). */
    public static String table(List<Row> rows, int channels) {
        return table(rows.stream().map(Row::label).toList(),
                rows.stream().map(r -> SummaryJson.row(r.settings(), r.result())).toList(), channels);
    }

    /**
     * The summary table of {@link SummaryJson} rows: per row ASR, L0 (elements, and pixels for multi-channel
     * images), L1, L2, L∞ and seconds per image.
     */
    public static String table(List<String> labels, List<Map<String, Object>> summaries, int channels) {
        boolean pixels = channels > 1;
        List<String> head = new ArrayList<>(List.of("attack", "ASR", "L0 (elements)"));
        if (pixels) {
            head.add("L0 (pixels)");
        }
        head.addAll(List.of("L1", "L2", "L\u221e", "s/image"));
        TextTable t = new TextTable(head.toArray(String[]::new));
        for (int i = 0; i < labels.size(); i++) {
            Map<String, Object> s = summaries.get(i);
            List<String> cells = new ArrayList<>(List.of(labels.get(i), Cells.percent(SummaryJson.value(s, "asr")),
                    Cells.l0(SummaryJson.value(s, "l0_elements"))));
            if (pixels) {
                cells.add(Cells.l0(SummaryJson.value(s, "l0_pixels")));
            }
            cells.addAll(List.of(Cells.norm(SummaryJson.value(s, "l1")), Cells.norm(SummaryJson.value(s, "l2")),
                    Cells.linf(SummaryJson.value(s, "linf")), Cells.seconds(SummaryJson.value(s, "seconds_per_image"))));
            t.row(cells.toArray(String[]::new));
        }
        return t.render();
    }

    /** Rows of named values as CSV: the union of their keys as the header, in first-seen order. */
    static String csv(List<Map<String, Object>> rows) {
        List<String> keys = new ArrayList<>();
        rows.forEach(r -> r.keySet().forEach(k -> {
            if (!keys.contains(k)) {
                keys.add(k);
            }
        }));
        StringBuilder sb = new StringBuilder(String.join(",", keys)).append('\n');
        for (Map<String, Object> r : rows) {
            List<String> cells = new ArrayList<>();
            for (String k : keys) {
                Object v = r.get(k);
                String text = v instanceof Double d ? String.format(Locale.ROOT, "%.9g", d) : String.valueOf(v);
                cells.add(text.contains(",") ? "\"" + text.replace("\"", "\"\"") + "\"" : text);
            }
            sb.append(String.join(",", cells)).append('\n');
        }
        return sb.toString();
    }
}
