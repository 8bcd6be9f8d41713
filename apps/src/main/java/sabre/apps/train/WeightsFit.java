package sabre.apps.train;

import sabre.nn.models.ModelConfig;
import sabre.nn.models.Models;
import sabre.tensor.Generator;
import sabre.tensor.Shape;
import sabre.tensor.Tensor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * How a weights file's state dict fits a model: the model's tensors the file lacks ({@code missing}), the file's
 * tensors the model lacks ({@code unexpected}), and those both hold with different shapes ({@code mismatched}). It
 * describes itself in a few lines (counts and the first few names, not hundreds) and finds the architecture of
 * {@link Models} the file fits best.
 *
 * <pre>{@code WeightsFit fit = WeightsFit.of(model.stateDict(), SafeTensors.read(file).tensors());}</pre>
 *
 * @param matched how many tensors both hold with the same shape
 */
public record WeightsFit(List<String> missing, List<String> unexpected, List<String> mismatched, int matched) {
    /** Names listed per kind before "and N more". */
    static final int FIRST = 5;

    /** The fit of {@code file}'s tensors to a model's own {@code model} state dict. */
    public static WeightsFit of(Map<String, Tensor> model, Map<String, Tensor> file) {
        List<String> missing = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        int matched = 0;
        for (Map.Entry<String, Tensor> e : model.entrySet()) {
            Tensor f = file.get(e.getKey());
            if (f == null) {
                missing.add(e.getKey());
            } else if (!Arrays.equals(f.shape(), e.getValue().shape())) {
                mismatched.add(e.getKey() + " (file " + Shape.str(f.shape()) + ", model "
                        + Shape.str(e.getValue().shape()) + ")");
            } else {
                matched++;
            }
        }
        List<String> unexpected = new ArrayList<>(new TreeSet<>(file.keySet()));
        unexpected.removeAll(model.keySet());
        return new WeightsFit(missing, unexpected, mismatched, matched);
    }

    /** Whether the file holds exactly the model's tensors, each in its shape. */
    public boolean exact() {
        return missing.isEmpty() && unexpected.isEmpty() && mismatched.isEmpty();
    }

    /** Counts with the first few names of each kind, one kind per line. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(matched).append(" tensors match");
        line(sb, "missing from the file", missing);
        line(sb, "unexpected in the file", unexpected);
        line(sb, "with another shape", mismatched);
        return sb.toString();
    }

    private static void line(StringBuilder sb, String what, List<String> names) {
        if (!names.isEmpty()) {
            sb.append("\n  ").append(names.size()).append(' ').append(what).append(": ")
                    .append(String.join(", ", names.subList(0, Math.min(FIRST, names.size()))))
                    .append(names.size() > FIRST ? ", ... (" + (names.size() - FIRST) + " more)" : "");
        }
    }

    /**
     * The architecture of {@link Models#names()} that {@code file} fits best: the most tensor names in common (from
     * the key lists in {@code model-keys.txt}, so that not every model is built), then the fewest left over; that
     * one is built for {@code cfg} to count the tensors that match in shape too.
     */
    public static String bestMatch(Map<String, Tensor> file, ModelConfig cfg) throws IOException {
        String best = null;
        int bestCommon = 0;
        int bestLeft = Integer.MAX_VALUE;
        for (Map.Entry<String, Set<String>> e : modelKeys().entrySet()) {
            Set<String> keys = e.getValue();
            int common = (int) file.keySet().stream().filter(keys::contains).count();
            int left = keys.size() + file.size() - 2 * common;
            if (common > bestCommon || common == bestCommon && common > 0 && left < bestLeft) {
                best = e.getKey();
                bestCommon = common;
                bestLeft = left;
            }
        }
        if (best == null) {
            return "no architecture of sabre's has any of its tensor names (sabre eval --list-models)";
        }
        WeightsFit fit = of(Models.create(best, cfg, new Generator(0)).stateDict(), file);
        return "best match: " + best + " (" + fit.matched + " of " + file.size() + " tensors match in name and shape"
                + (fit.exact() ? ": --arch " + best : "") + ")";
    }

    /** Architecture → its state-dict keys, as listed in {@code model-keys.txt} (see {@code ModelKeysTest}). */
    static Map<String, Set<String>> modelKeys() throws IOException {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        try (InputStream in = WeightsFit.class.getResourceAsStream("model-keys.txt")) {
            if (in == null) {
                throw new IOException("model-keys.txt is missing from the class path");
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] parts = line.strip().split(" ");
                    out.computeIfAbsent(parts[0], k -> new LinkedHashSet<>()).add(parts[1]);
                }
            }
        }
        return out;
    }

    private int leftOver() {
        return missing.size() + unexpected.size() + mismatched.size();
    }
}
