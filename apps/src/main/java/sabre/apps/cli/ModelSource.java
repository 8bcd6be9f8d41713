package sabre.apps.cli;

import picocli.CommandLine.Option;
import sabre.apps.report.Provenance;
import sabre.apps.report.RunJson;
import sabre.apps.train.RunFiles;
import sabre.apps.train.TrainedModel;
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
            + "DataParallel 'module.' prefix is dropped).")
    Path weights;

    @Option(names = "--classes", defaultValue = "10", description = "Classes, with --arch (default: ${DEFAULT-VALUE}).")
    int classes;

    /** The loaded model in eval mode, for inputs of {@code channels}×{@code size}×{@code size}. */
    public Module load(int channels, int size) throws IOException {
        if (run != null) {
            return TrainedModel.fromRun(new RunFiles(run));
        }
        if (arch == null || weights == null) {
            throw new IllegalArgumentException("give --run DIR, or --arch NAME with --weights FILE");
        }
        return TrainedModel.build(arch, new ModelConfig(channels, size, classes), weights);
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
