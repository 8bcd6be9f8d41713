package sabre.apps.attack;

import sabre.attacks.AttackResult;
import sabre.nn.io.Npy;
import sabre.tensor.DType;
import sabre.tensor.Device;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files of one attack result, each written atomically: {@code samples.csv} (per image), {@code adversarial.npy}
 * (float32 [N, C, H, W]), {@code masks.npy} (float32 0/1, same shape) and {@code grid.png} (first 8 images).
 *
 * <pre>{@code AttackOutputs.write(out, inputs, result);}</pre>
 */
public final class AttackOutputs {
    /** Images shown in the grid. */
    public static final int GRID_COLUMNS = 8;
    /** Magnification of the grid's pixels (28×28 → 112×112). */
    public static final int GRID_ZOOM = 4;

    private AttackOutputs() {
    }

    /** Writes the files into {@code dir} (created when missing). */
    public static void write(Path dir, Inputs in, AttackResult r) throws IOException {
        Files.createDirectories(dir);
        SampleCsv.write(dir.resolve("samples.csv"), r, in.index());
        Npy.write(dir.resolve("adversarial.npy"), r.adversarial().to(Device.CPU).to(DType.FLOAT32));
        Npy.write(dir.resolve("masks.npy"), r.masks().to(Device.CPU).to(DType.FLOAT32));
        AdversarialGrid.write(dir.resolve("grid.png"), in.images(), r, in.classNames(), GRID_COLUMNS, GRID_ZOOM);
    }

    /** The folder of one radius when a run has several: {@code eps-8_255} for 8/255. */
    public static String epsFolder(Eps eps) {
        return "eps-" + eps.text().replace('/', '_');
    }
}
