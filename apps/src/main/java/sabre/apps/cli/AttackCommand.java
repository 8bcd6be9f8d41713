package sabre.apps.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;
import picocli.CommandLine.Spec;
import sabre.apps.attack.AdversarialGrid;
import sabre.apps.attack.AttackJob;
import sabre.apps.attack.AttackJournal;
import sabre.apps.attack.AttackRequest;
import sabre.attacks.AttackResult;
import sabre.attacks.registry.Attacks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code sabre attack}: runs one attack of the registry (at one or several ε) on a model and writes
 * {@code results.json}/{@code results.csv}, a per-image CSV, the adversarial images and masks as .npy and a PNG grid
 * into {@code --out}; with several ε the per-image files go to {@code eps-<a>_<b>/} folders. The method's own
 * options follow it on the command line; {@code --method NAME --help} lists them. Each finished batch is journaled
 * ({@link AttackJournal}), so the same command run again after a kill continues from the last finished batch.
 *
 * <pre>{@code ./sabre attack --run runs/demo/model --n 100 --method pgd --eps 8/255 --steps 20 --out runs/pgd}</pre>
 */
@Command(name = "attack", description = "Attack a model; write results, adversarial images, masks and a PNG grid. "
        + "The method's own options follow; --method NAME --help lists them (sabre attacks lists every method).")
public final class AttackCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, description = "Show this help, and the options of --method.")
    boolean help;

    @Mixin
    ModelSource source;

    @Mixin
    InputOptions inputs;

    @Mixin
    AttackOptions options;

    /** The method's own options (the words this command does not know). */
    @Unmatched
    List<String> methodWords = new ArrayList<>();

    @Option(names = "--method", defaultValue = "pgd", description = "The attack: ${COMPLETION-CANDIDATES} "
            + "(default: ${DEFAULT-VALUE}).", completionCandidates = MethodNames.class)
    String method;

    @Option(names = "--eps", description = "Radius, a/b or decimal; a comma list gives one result per radius "
            + "(default: the method's, 8/255 under L-inf, 1.0 under L2; unbounded methods take none).")
    String eps;

    @Option(names = "--quantize", description = "Also round the adversarial images to 8 bits and measure "
            + "again: each result is followed by its 8-bit one (files in 8bit/).")
    boolean quantize;

    @Option(names = "--out", description = "Output directory (required).")
    Path out;

    @Option(names = "--grid-order", defaultValue = "fooled-first", description = "The columns of grid.png: "
            + "fooled-first (the fooled images, then the others) or input (the first images) (default: "
            + "${DEFAULT-VALUE}).")
    String gridOrder;

    @Mixin
    DeviceOptions device;

    @Override
    public Integer call() throws Exception {
        if (help) {
            spec.commandLine().usage(System.out);
            System.out.println();
            System.out.print(Attacks.entry(method).help());
            return 0;
        }
        if (out == null) {
            throw new IllegalArgumentException("--out DIR is required");
        }
        Attacks.entry(method); // an unknown method fails before the model loads
        AdversarialGrid.Order order = AdversarialGrid.Order.parse(gridOrder);
        InputOptions.Loaded loaded = inputs.load(source, device.select(), "attack");
        AttackRequest request = options.request(method, eps, loaded.inputs().size(), methodWords);
        Map<String, Object> settings = AttackJournal.settings(request);
        settings.putAll(JobIdentity.of(source, loaded.inputs(), request.targets()));
        AttackJournal journal = AttackJournal.open(out, request, loaded.inputs(), settings, "attack", System.err);
        List<AttackResult> results = AttackJob.run(loaded.model(), loaded.inputs(), request, journal::around,
                System.err);
        List<AttackJob.Row> rows = AttackJob.rows(request, results);
        if (quantize) {
            rows = AttackJob.withQuantized(loaded.model(), loaded.inputs(), rows);
        }
        AttackJob.write(out, loaded.inputs(), rows, order);
        journal.delete();
        System.out.print(AttackJob.table(rows, loaded.inputs().channels()));
        System.out.println("results in " + out.toAbsolutePath());
        return 0;
    }

    /** The registry's names, for the help text. */
    static final class MethodNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Attacks.names().iterator();
        }
    }
}
