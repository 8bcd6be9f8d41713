package sabre.apps.train;

import sabre.apps.report.Provenance;
import sabre.nn.Module;
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
        Map<?, ?> model = (Map<?, ?>) prov.get("model");
        ModelConfig cfg = new ModelConfig(((Number) model.get("in_channels")).intValue(),
                ((Number) model.get("image_size")).intValue(), ((Number) model.get("classes")).intValue());
        return build((String) model.get("name"), cfg, files.weights());
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
