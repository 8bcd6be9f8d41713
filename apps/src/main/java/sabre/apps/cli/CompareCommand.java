package sabre.apps.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sabre.apps.attack.AttackRequest;
import sabre.apps.attack.Compare;
import sabre.apps.attack.Eps;
import sabre.attacks.registry.Attacks;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code sabre compare}: several attacks on the same images, printed in the layout of thesis Table 3-3 (ASR, L0 in
 * elements and pixels, L1, L2, L∞, seconds per image, one table per ε) or, with {@code --table 3-4}, each unbounded
 * baseline followed by AutoAdversary at that baseline's mean L∞. Writes {@code compare.json}/{@code compare.csv} and
 * one folder of per-image files per method and ε; finished methods are reused when run again with the same settings.
 *
 * <pre>{@code ./sabre compare --run runs/demo/model --methods autoadversary,jsma,pgd-l0 --eps 8/255,16/255 --n 100 --out runs/compare}</pre>
 */
@Command(name = "compare", mixinStandardHelpOptions = true, description = "Compare attacks on the same images "
        + "(thesis Tables 3-3 and 3-4).")
public final class CompareCommand implements Callable<Integer> {
    @Mixin
    ModelSource source;

    @Mixin
    InputOptions inputs;

    @Mixin
    AttackOptions options;

    @Option(names = "--methods", required = true, split = ",", description = "Attacks to compare (sabre attacks "
            + "lists them), e.g. autoadversary,jsma,pgd-l0,greedyfool.")
    List<String> methods;

    @Option(names = "--eps", defaultValue = "8/255,16/255", description = "Radii of the bounded methods "
            + "(default: ${DEFAULT-VALUE}).")
    String eps;

    @Option(names = "--set", description = "A method's own option, METHOD.OPTION=VALUE (repeatable), e.g. "
            + "--set autoadversary.prune-steps=300.")
    List<String> sets = List.of();

    @Option(names = "--table", defaultValue = "3-3", description = "3-3 (methods at preset radii) or 3-4 "
            + "(unbounded baselines, then AutoAdversary at their mean L-inf) (default: ${DEFAULT-VALUE}).")
    String table;

    @Option(names = "--out", required = true, description = "Output directory.")
    Path out;

    @Mixin
    DeviceOptions device;

    @Override
    public Integer call() throws Exception {
        if (!table.equals("3-3") && !table.equals("3-4")) {
            throw new IllegalArgumentException("--table is 3-3 or 3-4, not '" + table + "'");
        }
        List<Eps> radii = Eps.parseList(eps);
        Map<String, Map<String, String>> perMethod = perMethodOptions();
        InputOptions.Loaded loaded = inputs.load(source, device.select(), "compare");
        AttackRequest base = new AttackRequest(Attacks.entry("pgd"), Map.of(), List.of(radii.get(0)), options.targeted,
                options.given(loaded.inputs().size()), options.seed, options.batch);
        Map<String, Object> provenance = JobIdentity.of(source, loaded.inputs(), base.targets());
        Compare compare = new Compare(loaded.model(), loaded.inputs(), base, perMethod, provenance, out);
        boolean t34 = table.equals("3-4");
        List<Compare.Line> lines = t34 ? compare.table34(methods, System.err)
                : compare.table33(methods, radii, System.err);
        compare.writeSummary(lines, "compare");
        System.out.printf("%d images (%d channel%s)%n", loaded.inputs().size(), loaded.inputs().channels(),
                loaded.inputs().channels() == 1 ? ": L0 in elements = pixels" : "s");
        System.out.print(Compare.render(lines, radii, t34, loaded.inputs().channels()));
        System.out.println("results in " + out.toAbsolutePath());
        return 0;
    }

    private Map<String, Map<String, String>> perMethodOptions() {
        methods = methods.stream().map(m -> Attacks.entry(m).name()).distinct().toList(); // unknown names fail here
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (String s : sets) {
            int dot = s.indexOf('.');
            int eq = s.indexOf('=');
            if (dot < 1 || eq < dot + 2) {
                throw new IllegalArgumentException("--set: expected METHOD.OPTION=VALUE, found '" + s + "'");
            }
            String method = Attacks.entry(s.substring(0, dot)).name();
            boolean runs = methods.contains(method) || table.equals("3-4") && method.equals("autoadversary");
            if (!runs) {
                throw new IllegalArgumentException("--set " + s + ": " + method + " is not among --methods");
            }
            out.computeIfAbsent(method, k -> new LinkedHashMap<>()).put(s.substring(dot + 1, eq), s.substring(eq + 1));
        }
        return out;
    }
}
