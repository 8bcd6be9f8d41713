package sabre.apps.attack;

import sabre.apps.train.RunFiles;
import sabre.attacks.AttackResult;
import sabre.attacks.Classifier;
import sabre.attacks.registry.Attacks;
import sabre.attacks.sparse.AutoAdversary;
import sabre.data.Datasets;
import sabre.tensor.Device;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The README's demo: train (or reuse) ResNet-20 on the embedded Fashion-MNIST subset, attack the first correctly
 * classified test images with I-FGSM, PGD and MI-FGSM at ε = 8/255 and 4/255, prune each with AutoAdversary, print
 * the thesis's Table 3-2 (dense and pruned side by side) and the ablation (Table 3-7, PGD, 8/255), and write every
 * result under the output directory. AutoAdversary prunes the dense result already computed (the base attack runs
 * once); the PGD 8/255 cells come from the ablation's Dense and Full rows (the same computation).
 *
 * <pre>{@code new Demo(new Demo.Settings(4, 100, Path.of("runs/demo"), Device.CPU, false, null)).run(System.out, System.err);}</pre>
 */
public final class Demo {
    /** The attacks of the table, by CLI name, with their row labels. */
    static final Map<String, String> ATTACKS = Map.of("ifgsm", "I-FGSM", "pgd", "PGD", "mifgsm", "MI-FGSM");
    static final List<String> ORDER = List.of("ifgsm", "pgd", "mifgsm");
    static final List<Eps> RADII = List.of(Eps.parse("8/255"), Eps.parse("4/255"));

    /**
     * @param pruneSteps AutoAdversary's pruning steps, or null for its default (tests cut it)
     */
    public record Settings(int epochs, int n, Path out, Device device, boolean retrain, Integer pruneSteps) {
    }

    private final Settings s;

    public Demo(Settings settings) {
        this.s = settings;
    }

    /** Runs the demo: tables to {@code out}, progress to {@code log}; returns the wall time in seconds. */
    public double run(PrintStream out, PrintStream log) throws IOException {
        long t0 = System.nanoTime();
        Classifier f = Classifier.of(DemoModel.trainOrReuse(new RunFiles(s.out().resolve("model")), s.epochs(),
                s.device(), s.retrain(), log));
        Inputs in = Inputs.firstCorrect(Datasets.open(DemoModel.DATA).test(), s.n(), f, s.device()).to(s.device());
        log.printf("attacking the first %d correctly classified test images%n", in.size());

        List<AttackJob.Row> ablation = AttackJob.ablation(f, in, pruning("pgd", RADII.get(0)), log);
        Map<String, AttackResult[]> cells = new LinkedHashMap<>();
        List<AttackJob.Row> rows = new ArrayList<>();
        for (String name : ORDER) {
            for (Eps eps : RADII) {
                AttackResult[] pair = name.equals("pgd") && eps == RADII.get(0)
                        ? new AttackResult[] {ablation.get(0).result(), ablation.get(ablation.size() - 1).result()}
                        : densePruned(f, in, name, eps, log);
                cells.put(name + " " + eps, pair);
                String folder = "attacks/" + name + "_" + AttackOutputs.epsFolder(eps);
                AttackRequest dense = AttackRequest.of(name, Map.of(), List.of(eps));
                rows.add(new AttackJob.Row(folder, name + " eps " + eps, AttackJob.settings(dense, eps), pair[0]));
                rows.add(new AttackJob.Row(folder + "_autoadversary", "autoadversary(" + name + ") eps " + eps,
                        AttackJob.settings(pruning(name, eps), eps), pair[1]));
            }
        }
        AttackJob.write(s.out(), in, rows);
        AttackJob.write(s.out().resolve("ablation"), in, ablation);

        out.printf("%nTable 3-2: dense attacks and AutoAdversary on %d correctly classified Fashion-MNIST test images "
                + "(ResNet-20; L0 in elements = pixels)%n", in.size());
        out.print(attackTable(cells));
        out.printf("%nTable 3-7: ablation of AutoAdversary (PGD, eps 8/255)%n");
        out.print(AttackJob.table(ablation, in.channels()));
        double seconds = (System.nanoTime() - t0) / 1e9;
        out.printf("%ndemo took %.0f s. Outputs in %s: model/ (training run), results.json, attacks/<attack>_<eps>[_"
                + "autoadversary]/ (samples.csv, adversarial.npy, masks.npy, grid.png), ablation/%n", seconds,
                s.out().toAbsolutePath());
        return seconds;
    }

    /** AutoAdversary on {@code base} at {@code eps}, all images in one batch. */
    private AttackRequest pruning(String base, Eps eps) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("base", base);
        if (s.pruneSteps() != null) {
            options.put("prune-steps", s.pruneSteps().toString());
        }
        return new AttackRequest(Attacks.entry("autoadversary"), options, List.of(eps), "none", null, 0,
                Math.max(1, s.n()));
    }

    /** The dense attack, and AutoAdversary pruning that same dense result (not a second run of the base). */
    private AttackResult[] densePruned(Classifier f, Inputs in, String name, Eps eps, PrintStream log) {
        AttackRequest dense = AttackRequest.of(name, Map.of(), List.of(eps)).withBatch(Math.max(1, in.size()));
        AttackResult d = AttackJob.run(f, in, dense, log).get(0);
        AutoAdversary auto = (AutoAdversary) pruning(name, eps).build(eps.value(), 0, in.size());
        AttackResult p = auto.prune(f, in.images(), in.labels(), d);
        return new AttackResult[] {d, p};
    }

    /** Rows: attacks; per ε the dense ASR, L0, L∞ and the pruned ones. */
    static String attackTable(Map<String, AttackResult[]> cells) {
        List<String> head = new ArrayList<>(List.of("attack"));
        List<String> groups = new ArrayList<>(List.of(""));
        List<String> kinds = new ArrayList<>(List.of(""));
        for (Eps eps : RADII) {
            for (String kind : List.of("dense", "+ AutoAdversary")) {
                head.addAll(List.of("ASR", "L0", "L\u221e"));
                groups.addAll(List.of(kind.equals("dense") ? "eps = " + eps : "", "", ""));
                kinds.addAll(List.of(kind, "", ""));
            }
        }
        TextTable t = new TextTable(head.toArray(String[]::new)).group(groups.toArray(String[]::new))
                .group(kinds.toArray(String[]::new));
        for (String name : ORDER) {
            List<String> row = new ArrayList<>(List.of(ATTACKS.get(name)));
            for (Eps eps : RADII) {
                for (AttackResult r : cells.get(name + " " + eps)) {
                    Map<String, Object> sum = SummaryJson.row(Map.of(), r);
                    row.addAll(List.of(Cells.percent(SummaryJson.value(sum, "asr")),
                            Cells.l0(SummaryJson.value(sum, "l0_elements")),
                            Cells.linf(SummaryJson.value(sum, "linf"))));
                }
            }
            t.row(row.toArray(String[]::new));
        }
        return t.render();
    }
}
