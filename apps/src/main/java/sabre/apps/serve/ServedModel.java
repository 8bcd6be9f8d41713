package sabre.apps.serve;

import sabre.apps.attack.DemoModel;
import sabre.apps.report.Provenance;
import sabre.apps.train.Normalization;
import sabre.apps.train.RunFiles;
import sabre.apps.train.TrainedModel;
import sabre.data.ColorMode;
import sabre.nn.Module;
import sabre.nn.models.FeatureClassifier;
import sabre.tensor.Device;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The model the app serves, with what its run's provenance says about it: architecture, input geometry, class names,
 * the data set it was trained on (for the quiz), its input normalisation (applied before the model), and an id ({@code <run folder>@<first 12 hex of the weights'
 * SHA-256>}) stored with every feedback row. A run folder without any run in it is filled first by training the
 * demo model (ResNet-20 on the embedded Fashion-MNIST subset, as {@code sabre demo}).
 *
 * <pre>{@code ServedModel m = ServedModel.open(Path.of("runs/demo/model"), Device.CPU, System.err);}</pre>
 */
public record ServedModel(Module model, String architecture, int channels, int size, List<String> classes,
                          String dataSpec, String id, Normalization normalization) {
    /** Epochs of the demo model trained when the run folder is empty (as {@code sabre demo}'s default). */
    public static final int DEMO_EPOCHS = 4;

    public ServedModel {
        if (!(model instanceof FeatureClassifier)) {
            throw new IllegalArgumentException("serve: " + architecture
                    + " does not expose its feature map (Grad-CAM)");
        }
        classes = List.copyOf(classes);
    }

    /** The grey or RGB mode uploads are converted to. */
    public ColorMode colorMode() {
        return channels == 1 ? ColorMode.GRAY : ColorMode.RGB;
    }

    /** Loads the run in {@code runDir} (training the demo model there first when it holds no run). */
    public static ServedModel open(Path runDir, Device device, PrintStream log) throws IOException {
        RunFiles files = new RunFiles(runDir);
        Module model;
        if (!Files.exists(files.provenance())) {
            log.println("serve: no run in " + runDir + "; training the demo model there first");
            model = DemoModel.trainOrReuse(files, DEMO_EPOCHS, device, false, log);
        } else {
            if (!Files.exists(files.weights())) {
                throw new IOException(runDir + ": provenance.json but no model.safetensors (the run never finished an "
                        + "epoch)");
            }
            model = TrainedModel.fromRun(files);
            model.to(device);
        }
        Map<String, Object> prov = Provenance.read(files.provenance());
        Map<?, ?> m = (Map<?, ?>) prov.get("model");
        Map<?, ?> data = (Map<?, ?>) prov.get("data");
        int classCount = ((Number) m.get("classes")).intValue();
        List<String> names = new ArrayList<>();
        List<?> listed = data == null ? null : (List<?>) data.get("classes");
        for (int i = 0; i < classCount; i++) {
            names.add(listed != null && i < listed.size() ? String.valueOf(listed.get(i)) : "class " + i);
        }
        String folder = runDir.toAbsolutePath().normalize().getFileName() == null ? "model"
                : runDir.toAbsolutePath().normalize().getFileName().toString();
        return new ServedModel(model, (String) m.get("name"), ((Number) m.get("in_channels")).intValue(),
                ((Number) m.get("image_size")).intValue(), names, data == null ? null : (String) data.get("spec"),
                folder + "@" + sha256(files.weights()).substring(0, 12), Normalization.ofRun(files));
    }

    private static String sha256(Path file) throws IOException {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file),
                MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
