package sabre.apps.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sabre.apps.attack.AblationReport;
import sabre.apps.attack.AttackRun;
import sabre.apps.attack.AttackSpec;
import sabre.apps.attack.Eps;
import sabre.attacks.AttackResult;
import sabre.attacks.sparse.Ablation;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code sabre ablate}: the five ablation variants of AutoAdversary (thesis Table 3-7) on the same images; prints
 * the table and writes {@code ablation.json} and {@code ablation.csv}.
 *
 * <pre>{@code ./sabre ablate --run runs/demo/model --n 100 --correct-only --base pgd --eps 8/255 --out runs/ablation}</pre>
 */
@Command(name = "ablate", mixinStandardHelpOptions = true, description = "AutoAdversary ablation (Dense, "
        + "Dense + Random, L1 on delta, L1 on m + binarization, Full).")
public final class AblateCommand implements Callable<Integer> {
    @Mixin
    ModelSource source;

    @Mixin
    InputOptions inputs;

    @Mixin
    AttackOptions options;

    @Option(names = "--base", defaultValue = "pgd", description = "Base attack: ifgsm, pgd, mifgsm "
            + "(default: ${DEFAULT-VALUE}).")
    String base;

    @Option(names = "--eps", defaultValue = "8/255", description = "Radius, a/b or decimal (default: ${DEFAULT-VALUE}).")
    String eps;

    @Option(names = "--out", required = true, description = "Output directory.")
    Path out;

    @Mixin
    DeviceOptions device;

    @Override
    public Integer call() throws Exception {
        Eps radius = Eps.parse(eps);
        InputOptions.Loaded loaded = inputs.load(source, device.select(), "ablate");
        AttackSpec spec = options.spec(AttackSpec.AUTOADVERSARY, base, loaded.inputs().size());
        Map<Ablation.Variant, AttackResult> rows = AttackRun.ablation(loaded.model(), loaded.inputs(), spec, radius,
                options.batch, System.err);
        System.out.printf("ablation of AutoAdversary (%s, eps %s) on %d images%n", spec.base(), radius,
                loaded.inputs().size());
        System.out.print(AblationReport.table(rows, loaded.inputs().channels()));
        AblationReport.write(out, rows, spec.base());
        System.out.println("results in " + out.toAbsolutePath());
        return 0;
    }
}
