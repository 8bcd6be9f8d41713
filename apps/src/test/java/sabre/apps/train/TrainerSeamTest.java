package sabre.apps.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sabre.augment.BatchAugmentation;
import sabre.data.ImageDataset;
import sabre.nn.Module;
import sabre.nn.models.ModelConfig;
import sabre.nn.models.Models;
import sabre.tensor.Device;
import sabre.tensor.Generator;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The trainer hands every batch, with data-set indices and epochs, to the augmentation and trains on its result. */
class TrainerSeamTest {
    @Test
    void augmentationSeesIndicesEpochsAndRawPixels(@TempDir Path dir) throws Exception {
        int n = 24;
        byte[][] px = new byte[n][16];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
            java.util.Arrays.fill(px[i], (byte) (10 * i)); // image i is uniformly 10·i/255: identifies the sample
        }
        ImageDataset data = ImageDataset.of(1, 4, 4, px, labels, List.of("a", "b"));
        TrainConfig cfg = new TrainConfig("smallcnn", "synthetic", 2, 8, "sgd", 0.01, 0.9, 0, true, "constant", 0, 0,
                true, 3, 0, 0);
        List<int[]> seen = new ArrayList<>();
        Set<String> epochs = new HashSet<>();
        BatchAugmentation recorder = (images, indices, epoch, total) -> {
            float[] x = images.toFloatArray();
            for (int k = 0; k < indices.length; k++) {
                assertEquals(10 * indices[k] / 255f, x[k * 16], 1e-6, "pixels of data-set sample " + indices[k]);
            }
            seen.add(indices.clone());
            epochs.add(epoch + "/" + total);
            return images.mul(0); // train on blank images: the step must see this result
        };
        List<Float> firstPixels = new ArrayList<>();
        TrainStep step = (model, batch, device) -> {
            firstPixels.add(batch.images().toFloatArray()[0]);
            return TrainStep.crossEntropy(0).run(model, batch, device);
        };
        Module model = Models.create("smallcnn", new ModelConfig(1, 4, 2), new Generator(3));
        new Trainer(cfg, model, data, data, Device.CPU, new RunFiles(dir),
                new PrintStream(new ByteArrayOutputStream()), recorder, step).run(false);
        assertEquals(Set.of("0/2", "1/2"), epochs);
        assertEquals(6, seen.size(), "3 batches of 8 per epoch");
        int[] epoch0 = seen.subList(0, 3).stream().flatMapToInt(java.util.Arrays::stream).sorted().toArray();
        int[] all = new int[n];
        java.util.Arrays.setAll(all, i -> i);
        assertArrayEquals(all, epoch0, "every sample once per epoch, by its data-set index");
        assertEquals(6, firstPixels.size());
        assertTrue(firstPixels.stream().allMatch(v -> v == 0f), "the step trains on the augmented batch");
    }
}
