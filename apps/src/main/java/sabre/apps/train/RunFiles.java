package sabre.apps.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The files of a run directory.
 *
 * <pre>{@code RunFiles run = new RunFiles(Path.of("runs/r20")); Path ckpt = run.checkpoint();}</pre>
 */
public record RunFiles(Path dir) {
    /** Full training state (model, optimizer, generators, epoch), rewritten atomically after every epoch. */
    public Path checkpoint() {
        return dir.resolve("checkpoint.safetensors");
    }

    /** The model's weights alone, under PyTorch state-dict names (loadable with safetensors.torch.load_file). */
    public Path weights() {
        return dir.resolve("model.safetensors");
    }

    /** Data, transforms, model config, hyperparameters, seed, git commit. */
    public Path provenance() {
        return dir.resolve("provenance.json");
    }

    public Path metricsJson() {
        return dir.resolve("metrics.json");
    }

    public Path lossPlot() {
        return dir.resolve("loss.png");
    }

    public Path accuracyPlot() {
        return dir.resolve("accuracy.png");
    }

    /**
     * Whether the directory holds a run that finished an epoch: its checkpoint, the commit point (a run killed
     * before its first checkpoint left nothing to keep).
     */
    public boolean holdsRun() {
        return Files.exists(checkpoint());
    }

    /** Deletes the files {@code sabre train} writes here (for {@code --force}); other files stay. */
    public void clear() throws IOException {
        for (Path p : List.of(checkpoint(), weights(), provenance(), metricsJson(), dir.resolve("metrics.csv"),
                lossPlot(), accuracyPlot(), dir.resolve("augment.json"), dir.resolve("init-weights.json"))) {
            Files.deleteIfExists(p);
        }
    }
}
