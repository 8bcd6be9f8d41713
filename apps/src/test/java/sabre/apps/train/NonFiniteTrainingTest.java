package sabre.apps.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sabre.autograd.CustomFunction;
import sabre.autograd.Var;
import sabre.nn.Module;
import sabre.nn.io.Checkpoint;
import sabre.nn.models.ModelConfig;
import sabre.nn.models.Models;
import sabre.tensor.Device;
import sabre.tensor.Generator;
import sabre.tensor.Tensor;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * NaN in the loss or in a gradient at a chosen step: training stops naming the epoch, step and tensor, and the run
 * directory keeps the checkpoint of the last finished epoch byte for byte; with skipping on, the poisoned batch is
 * dropped and training finishes.
 */
class NonFiniteTrainingTest {
    /** Identity forward whose backward is NaN: a finite loss with a non-finite gradient. */
    private static final CustomFunction NAN_GRADIENT = new CustomFunction() {
        @Override
        public String name() {
            return "nan_gradient";
        }

        @Override
        public Tensor forward(Context ctx, Tensor... in) {
            return in[0];
        }

        @Override
        public Tensor[] backward(Context ctx, Tensor g) {
            return new Tensor[] {g.mul(Double.NaN)};
        }
    };

    /** smallcnn whose training forward number {@code at} (1-based) poisons the loss, or only the gradient. */
    private static final class Poisoned extends Module {
        private final Module net;
        private final int at;
        private final boolean gradientOnly;
        private int calls;

        Poisoned(int at, boolean gradientOnly) {
            this.net = registerModule("net", Models.create("smallcnn", new ModelConfig(1, 8, 3), new Generator(7)));
            this.at = at;
            this.gradientOnly = gradientOnly;
        }

        @Override
        public Var forward(Var x) {
            Var y = net.forward(x);
            if (!isTraining() || ++calls != at) {
                return y;
            }
            return gradientOnly ? NAN_GRADIENT.apply(y) : y.mul(Var.of(Tensor.scalar(Double.NaN, y.value().dtype())));
        }
    }

    private static Trainer trainer(Module model, Path dir, ByteArrayOutputStream log) throws Exception {
        Files.createDirectories(dir);
        TrainConfig cfg = new TrainConfig("smallcnn", "synthetic", 3, 16, "sgd", 0.05, 0.9, 5e-4, true, "cosine", 0,
                0.0, false, 7, 0, 0);
        return new Trainer(cfg, model, TrainerResumeTest.data(1, 48), TrainerResumeTest.data(2, 12), Device.CPU,
                new RunFiles(dir), new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    @Test
    void nanLossStopsNamingTheStepAndKeepsTheLastCheckpoint(@TempDir Path dir) throws Exception {
        // 48 images in batches of 16: 3 steps per epoch, so forward 5 is epoch 2, step 2
        Trainer t = trainer(new Poisoned(5, false), dir, new ByteArrayOutputStream());
        t.runEpochs(false, 1);
        byte[] checkpoint = Files.readAllBytes(new RunFiles(dir).checkpoint());
        byte[] weights = Files.readAllBytes(new RunFiles(dir).weights());
        NonFiniteException e = assertThrows(NonFiniteException.class, () -> trainer(new Poisoned(2, false), dir,
                new ByteArrayOutputStream()).run(true));
        assertTrue(e.getMessage().startsWith("epoch 2, step 2: the loss (NaN) is not finite; training stopped, the "
                + "last checkpoint is that of the last finished epoch"), e.getMessage());
        assertArrayEquals(checkpoint, Files.readAllBytes(new RunFiles(dir).checkpoint()));
        assertArrayEquals(weights, Files.readAllBytes(new RunFiles(dir).weights()));
        assertEquals("1", Checkpoint.load(new RunFiles(dir).checkpoint()).metadata("epochs_done"));
    }

    @Test
    void nanGradientStopsNamingTheFirstParameter(@TempDir Path dir) throws Exception {
        NonFiniteException e = assertThrows(NonFiniteException.class, () -> trainer(new Poisoned(3, true), dir,
                new ByteArrayOutputStream()).run(false));
        assertTrue(e.getMessage().startsWith("epoch 1, step 3: the gradient of parameter 'net."), e.getMessage());
        assertTrue(Files.notExists(new RunFiles(dir).checkpoint()), "no epoch finished, so no checkpoint");
    }

    @Test
    void skippingDropsThePoisonedBatchAndFinishes(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<Map<String, Double>> rows = trainer(new Poisoned(4, false), dir, log).skipNonFinite(true).run(false)
                .rows();
        assertEquals(3, rows.size());
        assertTrue(Double.isFinite(rows.get(1).get("train_loss")), "the skipped batch's NaN loss is not averaged in");
        String text = log.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("epoch 2, step 1: the loss (NaN) is not finite; batch skipped (--skip-nonfinite)"),
                text);
        assertEquals("3", Checkpoint.load(new RunFiles(dir).checkpoint()).metadata("epochs_done"));
    }
}
