package sabre.apps.train;

import sabre.apps.report.Provenance;
import sabre.apps.report.RunJson;
import sabre.nn.Module;
import sabre.nn.io.FormatException;
import sabre.nn.io.SafeTensors;
import sabre.nn.models.ModelConfig;
import sabre.nn.models.Models;
import sabre.tensor.Generator;
import sabre.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds a trained model: from a run directory (architecture and geometry from its provenance, weights from
 * {@code model.safetensors}), or from an architecture name and a safetensors file. Returned in eval mode.
 *
 * <pre>{@code Module m = TrainedModel.fromRun(new RunFiles(Path.of("runs/demo/model")));}</pre>
 */
public final class TrainedModel {
    private TrainedModel() {
    }

    /** The model of a run written by {@code sabre train}. */
    public static Module fromRun(RunFiles files) throws IOException {
        Map<String, Object> prov = Provenance.read(files.provenance());
        Architecture a = architecture(prov, files.provenance());
        return build(a.name(), a.config(), files.weights());
    }

    /** A model's name and configuration as its provenance states them. */
    record Architecture(String name, ModelConfig config) {
    }

    /** The {@code model} section of provenance {@code prov} read from {@code file}, validated. */
    static Architecture architecture(Map<String, Object> prov, Path file) throws FormatException {
        Map<?, ?> model = RunJson.object(prov, "model", file);
        return new Architecture(RunJson.string(model, "model.name", file), new ModelConfig(
                RunJson.positiveInt(model, "model.in_channels", file), RunJson.positiveInt(model, "model.image_size",
                file), RunJson.positiveInt(model, "model.classes", file)));
    }

    /** Architecture {@code name} with the state dict in {@code weightsFile} (PyTorch names). */
    public static Module build(String name, ModelConfig cfg, Path weightsFile) throws IOException {
        Module m = Models.create(name, cfg, new Generator(0));
        m.loadStateDict(withoutDataParallelPrefix(SafeTensors.read(weightsFile).tensors()), true);
        m.eval();
        return m;
    }

    /** Keys saved from PyTorch's DataParallel all start with {@code module.}: drop that prefix. */
    public static Map<String, Tensor> withoutDataParallelPrefix(Map<String, Tensor> state) {
        if (state.isEmpty() || !state.keySet().stream().allMatch(k -> k.startsWith("module."))) {
            return state;
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        state.forEach((k, v) -> out.put(k.substring("module.".length()), v));
        return out;
    }
}
