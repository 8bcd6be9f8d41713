package sabre.apps.cli;

import picocli.CommandLine.Option;
import sabre.apps.attack.AttackSpec;
import sabre.attacks.sparse.AutoAdversary;
import sabre.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Settings shared by {@code sabre attack} and {@code sabre ablate}: steps, targeting, seed, batch, pruning. */
final class AttackOptions {
    @Option(names = "--steps", description = "Steps of the dense (base) attack (default: the method's, 10).")
    Integer steps;

    @Option(names = "--targeted", defaultValue = "none", description = "none, random, least-likely or next "
            + "(default: ${DEFAULT-VALUE}).")
    String targeted;

    @Option(names = "--targets", description = "Target classes .npy [N] (a targeted attack at given classes).")
    Path targets;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of random starts, targets and encoders "
            + "(default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--batch", defaultValue = "100", description = "Images per attack batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--prune-steps", description = "AutoAdversary pruning steps (default: 100).")
    Integer pruneSteps;

    @Option(names = "--lambda", description = "AutoAdversary's initial sparsity weight (default: 5).")
    Double lambda;

    @Option(names = "--encoder", defaultValue = "auto", description = "AutoAdversary mask encoder: auto, fc, unet, "
            + "none (default: ${DEFAULT-VALUE}).")
    String encoder;

    @Option(names = "--mask", defaultValue = "element", description = "AutoAdversary mask unit: element or pixel "
            + "(default: ${DEFAULT-VALUE}).")
    String mask;

    /** The attack spec of {@code method} on {@code base}, for {@code n} images. */
    AttackSpec spec(String method, String base, int n) throws IOException {
        Tensor given = null;
        if (targets != null) {
            given = InputOptions.readLabels(targets, "targets");
            if (given.dim() != 1 || given.shape(0) != n) {
                throw new IllegalArgumentException(targets + ": expected " + n + " targets [N], found shape "
                        + Arrays.toString(given.shape()));
            }
        }
        return new AttackSpec(method, base, steps, targeted, given, seed, pruneSteps, lambda,
                parse(AutoAdversary.Encoder.class, encoder, "--encoder"),
                parse(AutoAdversary.MaskUnit.class, mask, "--mask"));
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String option) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value)) {
                return e;
            }
        }
        throw new IllegalArgumentException(option + ": unknown value '" + value + "' ("
                + Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", ")) + ")");
    }
}
