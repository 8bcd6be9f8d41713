package sabre.apps.attack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import sabre.attacks.AttackResult;
import sabre.attacks.Classifier;
import sabre.nn.io.AtomicFiles;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code sabre compare}: several attacks on the same images, as thesis Tables 3-3 and 3-4. Each (method, ε) runs
 * through {@link AttackJob} into its own folder {@code OUT/<method>/<eps>/}; its settings are written last as
 * {@code settings.json}, so when the command runs again with the same settings a finished method is read back
 * instead of run, and a method in progress continues from its last finished batch ({@link AttackJournal}): a long
 * comparison can be stopped or killed and continued. Table 3-3: every bounded method at every ε (an
 * unbounded one once). Table 3-4: each unbounded baseline, then AutoAdversary at that baseline's measured mean L∞.
 *
 * <pre>{@code new Compare(f, inputs, base, List.of("autoadversary", "jsma"), Map.of(), out).table33(radii, log)}</pre>
 */
public final class Compare {
    /** One line of a comparison: its label, radius text and summary (as {@link SummaryJson} writes it). */
    public record Line(String method, String label, String eps, Map<String, Object> summary) {
    }

    private final Classifier model;
    private final Inputs inputs;
    private final AttackRequest base;
    private final Map<String, Map<String, String>> options;
    private final Map<String, Object> provenance;
    private final Path out;

    /**
     * @param base targeting, seed and batch shared by every method (its method and options are replaced per method)
     * @param options per method, its own option values (name → written value)
     * @param provenance what identifies the model and images (weights hash, data, n), part of every setting
     */
    public Compare(Classifier model, Inputs inputs, AttackRequest base, Map<String, Map<String, String>> options,
                   Map<String, Object> provenance, Path out) {
        this.model = model;
        this.inputs = inputs;
        this.base = base;
        this.options = options;
        this.provenance = provenance;
        this.out = out;
    }

    /** Table 3-3: every method at every radius (an unbounded method once). */
    public List<Line> table33(List<String> methods, List<Eps> radii, PrintStream log) throws IOException {
        List<Line> lines = new ArrayList<>();
        for (String m : methods) {
            AttackRequest r = request(m, radii);
            for (Eps eps : r.radii()) {
                lines.add(line(r.withRadii(List.of(eps)), m, log));
            }
        }
        return lines;
    }

    /**
     * Table 3-4: each unbounded method among {@code methods}, then AutoAdversary (with its options) at the mean L∞
     * that method needed on the images it fooled.
     */
    public List<Line> table34(List<String> methods, PrintStream log) throws IOException {
        List<Line> lines = new ArrayList<>();
        for (String m : methods) {
            AttackRequest r = request(m, List.of());
            if (r.entry().bounded()) {
                continue;
            }
            Line baseline = line(r, m, log);
            lines.add(baseline);
            double linf = SummaryJson.value(baseline.summary(), "linf");
            if (linf > 0) { // NaN (it fooled none) or 0: no radius to run AutoAdversary at
                Eps at = Eps.of(linf);
                lines.add(line(request("autoadversary", List.of(at)), "autoadversary", log));
            }
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("--table 3-4 compares unbounded methods (such as cw-l0, sapf, "
                    + "sparsefool) with AutoAdversary: none among --methods " + methods);
        }
        return lines;
    }

    private AttackRequest request(String method, List<Eps> radii) {
        AttackRequest r = new AttackRequest(sabre.attacks.registry.Attacks.entry(method),
                options.getOrDefault(method, Map.of()), radii.isEmpty() ? List.of(new Eps(0, "none")) : radii,
                base.targeting(), base.targets(), base.seed(), base.batch());
        return r.entry().bounded() ? r : r.withRadii(List.of(new Eps(0, "none")));
    }

    /** Runs one (method, radius) or reads it back when its folder holds the same settings. */
    private Line line(AttackRequest request, String method, PrintStream log) throws IOException {
        Eps eps = request.radii().get(0);
        Path dir = out.resolve(method).resolve(request.entry().bounded() ? AttackOutputs.epsFolder(eps) : "unbounded");
        Map<String, Object> settings = new LinkedHashMap<>(AttackJob.settings(request, eps));
        settings.put("eps", request.entry().bounded() ? eps.value() : null);
        settings.putAll(provenance);
        ObjectMapper json = new ObjectMapper();
        JsonNode wanted = json.readTree(json.writeValueAsString(settings)); // as it reads back (int, not long)
        Path settingsFile = dir.resolve("settings.json");
        String label = method + (request.entry().bounded() ? "" : " (unbounded)");
        if (Files.exists(settingsFile) && json.readTree(settingsFile.toFile()).equals(wanted)) {
            log.printf("%s eps %s: reusing the finished run in %s%n", method, eps, dir);
            AttackJournal.deleteIfExists(dir); // killed after settings.json, before deleting its journal
            @SuppressWarnings("unchecked")
            Map<String, Object> summary = json.readValue(dir.resolve("results.json").toFile(), Map.class);
            return new Line(method, label, eps.text(), summary);
        }
        Files.deleteIfExists(settingsFile); // a half-written folder is never taken as finished
        AttackJournal journal = AttackJournal.open(dir, request, inputs, settings, "compare: " + method + " eps " + eps,
                log);
        List<AttackResult> results = AttackJob.run(model, inputs, request, journal::around, log);
        List<AttackJob.Row> rows = AttackJob.rows(request, results);
        AttackJob.write(dir, inputs, rows);
        AtomicFiles.write(settingsFile, o -> json.writerWithDefaultPrettyPrinter().writeValue(o, settings));
        journal.delete();
        return new Line(method, label, eps.text(), SummaryJson.row(rows.get(0).settings(), results.get(0)));
    }

    /** The lines as tables: Table 3-3 one table per radius (unbounded methods in each), Table 3-4 one table. */
    public static String render(List<Line> lines, List<Eps> radii, boolean table34, int channels) {
        StringBuilder sb = new StringBuilder();
        if (table34) {
            sb.append("Table 3-4: unbounded baselines, and AutoAdversary at each one's mean L-inf\n");
            sb.append(table(lines, channels, true));
            return sb.toString();
        }
        for (Eps eps : radii) {
            List<Line> at = lines.stream().filter(l -> l.eps().equals(eps.text()) || l.eps().equals("none")).toList();
            sb.append("Table 3-3 layout, eps = ").append(eps).append('\n').append(table(at, channels, false))
                    .append('\n');
        }
        return sb.toString();
    }

    private static String table(List<Line> lines, int channels, boolean withEps) {
        return AttackJob.table(lines.stream().map(l -> withEps && !l.eps().equals("none")
                        ? l.label() + " @ " + l.eps() : l.label()).toList(),
                lines.stream().map(Line::summary).toList(), channels);
    }

    /** Writes every line into {@code compare.json} and {@code compare.csv} under the output directory. */
    public void writeSummary(List<Line> lines, String name) throws IOException {
        List<Map<String, Object>> rows = lines.stream().map(Line::summary).toList();
        SummaryJson.write(out.resolve(name + ".json"), rows);
        AtomicText.write(out.resolve(name + ".csv"), AttackJob.csv(rows));
    }
}
