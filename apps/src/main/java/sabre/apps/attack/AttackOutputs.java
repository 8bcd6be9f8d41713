package sabre.apps.attack;

import sabre.attacks.AttackResult;
import sabre.nn.io.Npy;
import sabre.tensor.DType;
import sabre.tensor.Device;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The files of one attack result, each written atomically: {@code samples.csv} (per image), {@code adversarial.npy}
 * (float32 [N, C, H, W]), {@code masks.npy} (float32 0/1, same shape) and {@code grid.png} (8 images, see
 * {@link AdversarialGrid}).
 *
 * <pre>{@code AttackOutputs.write(out, inputs, row, AdversarialGrid.Order.FOOLED_FIRST);}</pre>
 */
public final class AttackOutputs {
    private AttackOutputs() {
    }

    /** Writes the files of {@code row}'s result into {@code dir} (created when missing), the grid in {@code order}. */
    public static void write(Path dir, Inputs in, AttackJob.Row row, AdversarialGrid.Order order) throws IOException {
        AttackResult r = row.result();
        Files.createDirectories(dir);
        SampleCsv.write(dir.resolve("samples.csv"), r, in.index());
        Npy.write(dir.resolve("adversarial.npy"), r.adversarial().to(Device.CPU).to(DType.FLOAT32));
        Npy.write(dir.resolve("masks.npy"), r.masks().to(Device.CPU).to(DType.FLOAT32));
        AdversarialGrid.write(dir.resolve("grid.png"), in, r, gridTitle(row.settings(), r), order);
    }

    /**
     * The grid's title from a row's settings: method (and ablation variant), ε, targeting and the ASR with its
     * counts, e.g. {@code pgd, ε = 8/255, untargeted: ASR 93.8% (15 of 16 correctly classified images fooled)}.
     */
    static String gridTitle(Map<String, Object> settings, AttackResult r) {
        StringBuilder t = new StringBuilder(String.valueOf(settings.get("method")));
        if (settings.get("variant") != null) {
            t.append(" (").append(settings.get("variant")).append(')');
        }
        Object eps = settings.get("eps_text");
        if (eps != null && !"none".equals(eps)) {
            t.append(", ε = ").append(eps);
        }
        Object targeting = settings.getOrDefault("targeting", "none");
        t.append(", ").append("none".equals(targeting) ? "untargeted" : "targeted (" + targeting + ")");
        AttackResult.Summary s = r.summary();
        t.append(": ASR ").append(s.correct() == 0 ? "n/a" : Cells.percent(s.asr()))
                .append(" (").append(s.fooled()).append(" of ").append(s.correct())
                .append(" correctly classified images fooled)");
        return t.toString();
    }

    /** The folder of one radius when a run has several: {@code eps-8_255} for 8/255. */
    public static String epsFolder(Eps eps) {
        return "eps-" + eps.text().replace('/', '_');
    }
}
