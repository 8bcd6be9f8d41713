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
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds a trained model: from a run directory (architecture and geometry from its provenance, weights from
 * {@code model.safetensors}), or from an architecture name and a safetensors file. Returned in eval mode.
 *
 * <pre>{@code Module m = TrainedModel.fromRun(new RunFiles(Path.of("runs/demo/model")));}</pre>
 */
public final class TrainedModel {
    private static final List<String> PICKLE_ENDINGS = List.of(".pth", ".pt", ".pth.tar", ".ckpt", ".pkl");

    private TrainedModel() {
    }

    /** The model of a run written by {@code sabre train}. */
    public static Module fromRun(RunFiles files) throws IOException {
        Architecture a = architecture(Provenance.read(files.provenance()), files.provenance());
        return build(a.name(), a.config(), files.weights());
    }

    /** The model of a run, refusing images of {@code channels}×{@code size}×{@code size} when it takes others. */
    public static Module fromRun(RunFiles files, int channels, int size) throws IOException {
        Architecture a = architecture(Provenance.read(files.provenance()), files.provenance());
        ModelConfig c = a.config();
        if (c.inChannels() != channels || c.imageSize() != size) {
            throw new IllegalArgumentException("the run in " + files.dir() + " is a " + a.name() + " for "
                    + c.inChannels() + "x" + c.imageSize() + "x" + c.imageSize() + " images (channels x height x "
                    + "width); these images are " + channels + "x" + size + "x" + size);
        }
        return build(a.name(), c, files.weights());
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

    /**
     * Architecture {@code name} (any case) with the state dict in {@code weightsFile} (PyTorch names). A torchvision
     * ResNet name whose weights fit Sabre's ImageNet-style variant ({@code resnet18} → {@code resnet18-imagenet}) is
     * taken as that variant, saying so on stderr.
     */
    public static Module build(String name, ModelConfig cfg, Path weightsFile) throws IOException {
        Map<String, Tensor> state = readWeights(weightsFile);
        Module m = Models.create(name, cfg, new Generator(0));
        String torchvision = name.toLowerCase(Locale.ROOT) + "-imagenet";
        if (!WeightsFit.of(m.stateDict(), state).exact() && Models.names().contains(torchvision)) {
            Module tv = Models.create(torchvision, cfg, new Generator(0));
            if (WeightsFit.of(tv.stateDict(), state).exact()) {
                System.err.println(weightsFile + ": torchvision " + name + " weights, loaded into " + torchvision);
                m = tv;
            }
        }
        load(m, name, cfg, state, weightsFile);
        m.eval();
        return m;
    }

    /**
     * Loads {@code state} (read from {@code file}) into {@code model} (architecture {@code name}, built for
     * {@code cfg}); a file that does not fit is refused with the counts of missing, unexpected and mismatched
     * tensors, the first few of each, and the architecture it fits best.
     */
    public static void load(Module model, String name, ModelConfig cfg, Map<String, Tensor> state, Path file)
            throws IOException {
        WeightsFit fit = WeightsFit.of(model.stateDict(), state);
        if (!fit.exact()) {
            throw new IllegalArgumentException(file + " does not hold " + name + " weights: " + fit.describe()
                    + "\n  " + WeightsFit.bestMatch(state, cfg));
        }
        model.loadStateDict(state, true);
    }

    /**
     * The state dict of a safetensors file, without a wrapper's {@code module.} (DataParallel) or {@code model.}
     * prefix; a PyTorch pickle ({@code .pth}, {@code .pt}, ...) is refused with how to convert it.
     */
    public static Map<String, Tensor> readWeights(Path file) throws IOException {
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (PICKLE_ENDINGS.stream().anyMatch(lower::endsWith) || isPickle(file)) {
            throw new IllegalArgumentException(file + " is a PyTorch pickle; sabre reads safetensors: convert it "
                    + "once with torch.load + safetensors.torch.save_file (3 lines in docs/cli.md)");
        }
        return withoutWrapperPrefix(SafeTensors.read(file).tensors());
    }

    /** A zip (torch.save since 1.6) or a bare pickle (protocol 2+ starts with 0x80). */
    private static boolean isPickle(Path file) throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) < 2) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(2);
            return head[0] == 'P' && head[1] == 'K' || (head[0] & 0xff) == 0x80;
        }
    }

    /** Keys saved from a wrapper all start with {@code module.} (DataParallel) or {@code model.}: drop that prefix. */
    public static Map<String, Tensor> withoutWrapperPrefix(Map<String, Tensor> state) {
        for (String prefix : List.of("module.", "model.")) {
            if (!state.isEmpty() && state.keySet().stream().allMatch(k -> k.startsWith(prefix))) {
                Map<String, Tensor> out = new LinkedHashMap<>();
                state.forEach((k, v) -> out.put(k.substring(prefix.length()), v));
                return withoutWrapperPrefix(out);
            }
        }
        return state;
    }
}
