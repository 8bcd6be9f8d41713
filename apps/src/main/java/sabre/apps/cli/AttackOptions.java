package sabre.apps.cli;

import picocli.CommandLine.Option;
import sabre.apps.attack.AttackRequest;
import sabre.apps.attack.Eps;
import sabre.attacks.registry.AttackEntry;
import sabre.attacks.registry.Attacks;
import sabre.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Settings every attacking command shares (targeting, seed, batch) and the chosen attack's own options, which are
 * read from the registry ({@code sabre attacks} lists them).
 */
final class AttackOptions {
    @Option(names = "--targeted", defaultValue = "none", description = "none, random, least-likely or next "
            + "(default: ${DEFAULT-VALUE}).")
    String targeted;

    @Option(names = "--targets", description = "Target classes .npy [N] (a targeted attack at given classes).")
    Path targets;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of every random choice: random starts, "
            + "targets, encoders (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--batch", defaultValue = "100", description = "Images per attack batch (default: ${DEFAULT-VALUE}).")
    int batch;

    /**
     * The request for {@code method} on {@code n} images, at the radii written ({@code eps}, or null: default), with
     * the method's own options read from {@code methodWords} (the words the command did not know).
     */
    AttackRequest request(String method, String eps, int n, List<String> methodWords) throws IOException {
        AttackEntry entry = Attacks.entry(method);
        Map<String, String> values = MethodOptions.parse(entry, methodWords);
        List<Eps> radii = AttackRequest.radii(entry, values, eps);
        return new AttackRequest(entry, values, radii, targeted, given(n), seed, batch);
    }

    /** The given target classes, or null. */
    Tensor given(int n) throws IOException {
        if (targets == null) {
            return null;
        }
        Tensor t = InputOptions.readLabels(targets, "targets");
        if (t.dim() != 1 || t.shape(0) != n) {
            throw new IllegalArgumentException(targets + ": expected " + n + " targets [N], found shape "
                    + Arrays.toString(t.shape()));
        }
        return t;
    }
}
