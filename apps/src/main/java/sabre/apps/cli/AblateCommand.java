package sabre.apps.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;
import sabre.apps.attack.AttackJob;
import sabre.apps.attack.AttackRequest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code sabre ablate}: the five ablation variants of AutoAdversary (thesis Table 3-7) on the same images; prints
 * the table and writes {@code results.json}, {@code results.csv} and one folder of per-image files per variant.
 * AutoAdversary's own options ({@code --base}, {@code --prune-steps}, …; see {@code sabre attacks}) follow.
 *
 * <pre>{@code ./sabre ablate --run runs/demo/model --n 100 --correct-only --base pgd --eps 8/255 --out runs/ablation}</pre>
 */
@Command(name = "ablate", mixinStandardHelpOptions = true, description = "AutoAdversary ablation (Dense, "
        + "Dense + Random, L1 on delta, L1 on m + binarization, Full). AutoAdversary's options (--base, --steps, "
        + "--prune-steps, ...; sabre attacks) follow.")
public final class AblateCommand implements Callable<Integer> {
    @Mixin
    ModelSource source;

    @Mixin
    InputOptions inputs;

    @Mixin
    AttackOptions options;

    /** The method's own options (the words this command does not know). */
    @Unmatched
    List<String> methodWords = new ArrayList<>();

    @Option(names = "--eps", defaultValue = "8/255", description = "Radius, a/b or decimal (default: ${DEFAULT-VALUE}).")
    String eps;

    @Option(names = "--out", required = true, description = "Output directory.")
    Path out;

    @Mixin
    DeviceOptions device;

    @Override
    public Integer call() throws Exception {
        if (eps.contains(",")) {
            throw new IllegalArgumentException("--eps: the ablation runs at one radius, found " + eps);
        }
        InputOptions.Loaded loaded = inputs.load(source, device.select(), "ablate");
        AttackRequest request = options.request("autoadversary", eps, loaded.inputs().size(), methodWords);
        List<AttackJob.Row> rows = AttackJob.ablation(loaded.model(), loaded.inputs(), request, System.err);
        AttackJob.write(out, loaded.inputs(), rows);
        System.out.printf("ablation of AutoAdversary (base %s, eps %s) on %d images%n",
                request.options().getOrDefault("base", "pgd"), eps, loaded.inputs().size());
        System.out.print(AttackJob.table(rows, loaded.inputs().channels()));
        System.out.println("results in " + out.toAbsolutePath());
        return 0;
    }
}
