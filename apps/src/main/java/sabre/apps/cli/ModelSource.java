package sabre.apps.cli;

import picocli.CommandLine.Option;
import sabre.apps.report.Provenance;
import sabre.apps.report.RunJson;
import sabre.apps.train.Normalization;
import sabre.apps.train.RunFiles;
import sabre.apps.train.TrainedModel;
import sabre.attacks.Classifier;
import sabre.nn.Module;
import sabre.nn.models.ModelConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a command gets its trained model: a run directory ({@code --run}), or an architecture name with a
 * safetensors file of PyTorch-named weights ({@code --arch}, {@code --weights}) and the input geometry.
 */
public final class ModelSource {
    @Option(names = "--run", description = "A run directory written by `sabre train`.")
    Path run;

    @Option(names = "--arch", description = "Architecture name, with --weights.")
    String arch;

    @Option(names = "--weights", description = "safetensors file with the model's state dict (PyTorch names; a "
            + "wrapper's 'module.' or 'model.' prefix is dropped; a .pth file must be converted, see docs/cli.md).")
    Path weights;

    @Option(names = "--classes", defaultValue = "10", description = "Classes, with --arch (default: ${DEFAULT-VALUE}).")
    int classes;

    @Option(names = "--mean", split = ",", description = "Per-channel mean the model was trained to subtract "
            + "(torchvision Normalize), applied inside the classifier so attacks stay in pixel space (default: the "
            + "run's own, from its provenance.json).")
    double[] mean;

    @Option(names = "--std", split = ",", description = "Per-channel standard deviation, with --mean.")
    double[] std;

    /**
     * The model as an attack sees it: pixel-space images in [0, 1], normalised inside as the run was trained
     * ({@code provenance.json}) or as --mean/--std say; --mean/--std that contradict the run's are refused.
     */
    public Classifier classifier(Module model) throws IOException {
        return normalization().classifier(model);
    }

    /** The input normalisation: --mean/--std, else the run's own, else none. */
    public Normalization normalization() throws IOException {
        Normalization given = Normalization.of(mean, std);
        if (run == null) {
            return given;
        }
        Normalization trained = Normalization.ofRun(new RunFiles(run));
        if (!given.none() && !trained.none() && !given.same(trained)) {
            throw new IllegalArgumentException(given + " contradicts the run's " + trained + " ("
                    + new RunFiles(run).provenance()
                    + "); drop them: a run's normalisation is applied by itself");
        }
        return given.none() ? trained : given;
    }

    /** The loaded model in eval mode, for inputs of {@code channels}×{@code size}×{@code size}. */
    public Module load(int channels, int size) throws IOException {
        if (run != null) {
            if (arch != null || weights != null) {
                throw new IllegalArgumentException("give --run DIR, or --arch NAME with --weights FILE, not both");
            }
            return TrainedModel.fromRun(new RunFiles(run), channels, size);
        }
        if (arch == null || weights == null) {
            throw new IllegalArgumentException("give --run DIR, or --arch NAME with --weights FILE");
        }
        return TrainedModel.build(arch, new ModelConfig(channels, size, classes), weights);
    }

    /** The weights file the model is read from (the run's model.safetensors, or --weights). */
    public Path weightsFile() {
        return run != null ? new RunFiles(run).weights() : weights;
    }

    /** The data spec the run was trained on, or null when the model came from --arch. */
    public String trainedData() throws IOException {
        if (run == null) {
            return null;
        }
        Path file = new RunFiles(run).provenance();
        Map<String, Object> prov = Provenance.read(file);
        return prov.containsKey("data") ? RunJson.string(RunJson.object(prov, "data", file), "data.spec", file) : null;
    }
}
