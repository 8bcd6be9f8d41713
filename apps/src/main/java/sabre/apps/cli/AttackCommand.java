package sabre.apps.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sabre.apps.attack.AttackOutputs;
import sabre.apps.attack.AttackRun;
import sabre.apps.attack.AttackSpec;
import sabre.apps.attack.Cells;
import sabre.apps.attack.Eps;
import sabre.apps.attack.SummaryJson;
import sabre.attacks.AttackResult;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code sabre attack}: runs one attack (at one or several ε) on a model and writes {@code results.json}, a
 * per-image CSV, the adversarial images and masks as .npy and a PNG grid into {@code --out}; with several ε the
 * per-image files go to {@code eps-<a>_<b>/} folders.
 *
 * <pre>{@code ./sabre attack --run runs/demo/model --data fashion-mnist-subset --n 100 --method pgd --eps 8/255 --out runs/pgd}</pre>
 */
@Command(name = "attack", mixinStandardHelpOptions = true, description = "Attack a model; write results, "
        + "adversarial images, masks and a PNG grid.")
public final class AttackCommand implements Callable<Integer> {
    @Mixin
    ModelSource source;

    @Mixin
    InputOptions inputs;

    @Mixin
    AttackOptions options;

    @Option(names = "--method", defaultValue = "pgd", description = "fgsm, ifgsm, pgd, pgd-l2, mifgsm or autoadversary "
            + "(default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--base", defaultValue = "pgd", description = "Base attack of autoadversary: ifgsm, pgd, mifgsm "
            + "(default: ${DEFAULT-VALUE}).")
    String base;

    @Option(names = "--eps", defaultValue = "8/255", description = "Radius, a/b or decimal; a comma list gives one "
            + "result per radius (default: ${DEFAULT-VALUE}).")
    String eps;

    @Option(names = "--quantize", description = "Round adversarial images to 8 bits and measure again.")
    boolean quantize;

    @Option(names = "--out", required = true, description = "Output directory.")
    Path out;

    @Mixin
    DeviceOptions device;

    @Override
    public Integer call() throws Exception {
        List<Eps> radii = Eps.parseList(eps);
        InputOptions.Loaded loaded = inputs.load(source, device.select(), "attack");
        AttackSpec spec = options.spec(method, base, loaded.inputs().size());
        List<AttackResult> results = AttackRun.attack(loaded.model(), loaded.inputs(), spec, radii, options.batch,
                quantize, System.err);
        Files.createDirectories(out);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            AttackResult r = results.get(i);
            Path dir = results.size() == 1 ? out : out.resolve(AttackOutputs.epsFolder(radii.get(i)));
            AttackOutputs.write(dir, loaded.inputs(), r);
            rows.add(SummaryJson.row(spec.method(), spec.baseName(), r));
            AttackResult.Summary s = r.summary();
            System.out.printf("%s eps %s: clean accuracy %s, ASR %s, L0 %s elements (%s pixels), L2 %s, Linf %s%n",
                    r.method(), radii.get(i), Cells.percent(s.cleanAccuracy()), Cells.percent(s.asr()),
                    Cells.l0(s.l0Elements()), Cells.l0(s.l0Pixels()), Cells.norm(s.l2()), Cells.linf(s.linf()));
        }
        SummaryJson.write(out.resolve("results.json"), rows);
        System.out.println("results in " + out.toAbsolutePath());
        return 0;
    }
}
