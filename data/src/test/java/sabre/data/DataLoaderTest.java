package sabre.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sabre.tensor.DType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class DataLoaderTest {
    /** n images 1×2×3: row 0 is (i, 0, 200), row 1 is (i, 100, 50); label i % 3. Left/right asymmetric. */
    private static ImageDataset data(int n) {
        byte[][] pixels = new byte[n][];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            pixels[i] = new byte[] {(byte) i, 0, (byte) 200, (byte) i, 100, 50};
            labels[i] = i % 3;
        }
        return ImageDataset.of(1, 2, 3, pixels, labels, List.of("a", "b", "c"));
    }

    /** Every batch of an epoch: images and labels as host arrays, indices. */
    private static List<Object> epoch(DataLoader loader, int epoch) {
        List<Object> out = new ArrayList<>();
        for (Batch b : loader.epoch(epoch)) {
            out.add(Arrays.toString(b.images().toFloatArray()) + Arrays.toString(b.labels().toIntArray())
                    + Arrays.toString(b.indices()));
        }
        return out;
    }

    private static DataLoader.Builder shuffled(ImageDataset data) {
        return DataLoader.builder(data).batchSize(8).shuffle(true).seed(42);
    }

    @Test
    void batchesHaveTheDocumentedTypesShapesAndScale() {
        try (DataLoader loader = DataLoader.builder(data(10)).batchSize(4).build()) {
            Batch first = loader.epoch(0).iterator().next();
            assertEquals(DType.FLOAT32, first.images().dtype());
            assertArrayEquals(new int[] {4, 1, 2, 3}, first.images().shape());
            assertEquals(DType.INT32, first.labels().dtype());
            assertArrayEquals(new int[] {0, 1, 2, 0}, first.labels().toIntArray());
            float[] x = first.images().toFloatArray();
            assertEquals(200 / 255f, x[2]);
            assertEquals(1 / 255f, x[6]);
            assertArrayEquals(new int[] {0, 1, 2, 3}, first.indices());
        }
    }

    @Test
    void everySampleAppearsExactlyOncePerEpoch() {
        try (DataLoader loader = shuffled(data(50)).build()) {
            assertEquals(7, loader.batchCount());
            for (int e = 0; e < 3; e++) {
                List<Integer> seen = new ArrayList<>();
                List<Integer> sizes = new ArrayList<>();
                for (Batch b : loader.epoch(e)) {
                    Arrays.stream(b.indices()).forEach(seen::add);
                    sizes.add(b.size());
                    int[] labels = b.labels().toIntArray();
                    for (int k = 0; k < b.size(); k++) {
                        assertEquals(b.indices()[k] % 3, labels[k], "label follows its image");
                    }
                }
                seen.sort(null);
                assertEquals(IntStream.range(0, 50).boxed().toList(), seen);
                assertEquals(List.of(8, 8, 8, 8, 8, 8, 2), sizes);
            }
        }
    }

    @Test
    void sameSeedSameBatchesDifferentEpochsDifferentOrders() {
        try (DataLoader a = shuffled(data(40)).build(); DataLoader b = shuffled(data(40)).build();
             DataLoader other = shuffled(data(40)).seed(43).build()) {
            assertEquals(epoch(a, 2), epoch(b, 2));
            assertFalse(Arrays.equals(a.order(0), a.order(1)), "epochs differ");
            assertFalse(Arrays.equals(a.order(0), other.order(0)), "seeds differ");
            assertFalse(Arrays.equals(a.order(0), IntStream.range(0, 40).toArray()), "shuffled");
        }
    }

    @Test
    void epochIsReproducibleOnItsOwnAndResumableMidway() {
        try (DataLoader a = shuffled(data(40)).build(); DataLoader fresh = shuffled(data(40)).build()) {
            epoch(a, 0);
            epoch(a, 1);
            List<Object> third = epoch(a, 2);
            assertEquals(third, epoch(fresh, 2), "epoch 2 without running 0 and 1");
            List<Object> tail = new ArrayList<>();
            for (Batch b : fresh.epoch(2, 3)) {
                tail.add(Arrays.toString(b.images().toFloatArray()) + Arrays.toString(b.labels().toIntArray())
                        + Arrays.toString(b.indices()));
            }
            assertEquals(third.subList(3, third.size()), tail);
            assertThrows(IllegalArgumentException.class, () -> fresh.epoch(2, 6));
            assertThrows(IllegalArgumentException.class, () -> fresh.epoch(-1));
        }
    }

    @Test
    void withoutShuffleTheOrderIsTheDataSetOrder() {
        try (DataLoader loader = DataLoader.builder(data(5)).batchSize(2).build()) {
            assertArrayEquals(new int[] {0, 1, 2, 3, 4}, loader.order(7));
            assertEquals(3, loader.batchCount());
        }
    }

    @Test
    void dropLastDropsOnlyTheIncompleteBatch() {
        try (DataLoader loader = shuffled(data(50)).dropLast(true).build()) {
            assertEquals(6, loader.batchCount());
            int n = 0;
            for (Batch b : loader.epoch(0)) {
                assertEquals(8, b.size());
                n++;
            }
            assertEquals(6, n);
        }
        try (DataLoader exact = shuffled(data(16)).dropLast(true).build()) {
            assertEquals(2, exact.batchCount());
        }
    }

    @Test
    void prefetchOnAndOffGiveIdenticalBatches() {
        Transform augment = Transform.compose(new RandomCrop(2, 3, 1), new RandomHorizontalFlip(0.5));
        try (DataLoader on = shuffled(data(45)).transform(augment).prefetch(true).build();
             DataLoader off = shuffled(data(45)).transform(augment).prefetch(false).build()) {
            for (int e = 0; e < 3; e++) {
                assertEquals(epoch(off, e), epoch(on, e));
            }
        }
    }

    @Test
    void transformsAreReproduciblePerSample() {
        Transform flip = new RandomHorizontalFlip(0.5);
        ImageDataset data = data(64);
        try (DataLoader loader = DataLoader.builder(data).batchSize(32).shuffle(true).seed(5).transform(flip).build();
             DataLoader bigBatches = DataLoader.builder(data).batchSize(64).shuffle(true).seed(5).transform(flip)
                     .build()) {
            Batch batch = loader.epoch(0).iterator().next();
            float[] x = batch.images().toFloatArray();
            int flipped = 0;
            for (int k = 0; k < batch.size(); k++) {
                int i = batch.indices()[k];
                float[] expected = flip.apply(data.floatImage(i), loader.sampleGenerator(0, i)).data();
                float[] got = Arrays.copyOfRange(x, k * 6, k * 6 + 6);
                assertArrayEquals(expected, got, "sample " + i + " is its own transform");
                flipped += got[0] == 200 / 255f ? 1 : 0;
            }
            assertTrue(flipped > 0 && flipped < batch.size(), "some but not all flipped: " + flipped);
            assertEquals(epoch(loader, 1), epoch(loader, 1));
            // the same sample gets the same augmentation whatever batch it lands in
            Batch all = bigBatches.epoch(0).iterator().next();
            float[] allX = all.images().toFloatArray();
            for (int k = 0; k < 32; k++) {
                int i = batch.indices()[k];
                int at = Arrays.stream(all.indices()).boxed().toList().indexOf(i);
                assertArrayEquals(Arrays.copyOfRange(x, k * 6, k * 6 + 6), Arrays.copyOfRange(allX, at * 6, at * 6 + 6));
            }
            assertFalse(Arrays.equals(flipsOf(loader, 0), flipsOf(loader, 1)), "new draws each epoch");
        }
    }

    private static boolean[] flipsOf(DataLoader loader, int epoch) {
        boolean[] flipped = new boolean[loader.dataset().size()];
        for (Batch b : loader.epoch(epoch)) {
            float[] x = b.images().toFloatArray();
            for (int k = 0; k < b.size(); k++) {
                flipped[b.indices()[k]] = x[k * 6] == 200 / 255f;
            }
        }
        return flipped;
    }

    @Test
    void transformErrorsReachTheCaller() {
        Transform broken = (image, g) -> {
            throw new IllegalStateException("boom");
        };
        try (DataLoader loader = DataLoader.builder(data(4)).batchSize(2).transform(broken).build()) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> loader.epoch(0).iterator().next());
            assertEquals("boom", e.getMessage());
        }
        Transform shapeShifter = (image, g) -> new Resize(image.data()[0] == 0 ? 2 : 4, 3).apply(image, g);
        try (DataLoader loader = DataLoader.builder(data(4)).batchSize(2).transform(shapeShifter).build()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> loader.epoch(0).iterator().next());
            assertTrue(e.getMessage().contains("a batch needs one image shape"), e.getMessage());
        }
    }

    /** Live prefetch threads (names are unique: a counter). */
    private static Set<Thread> prefetchThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("sabre-data-prefetch-") && t.isAlive())
                .collect(Collectors.toSet());
    }

    @Test
    void closeStopsTheWorkerThread() throws InterruptedException {
        Set<Thread> before = prefetchThreads();
        DataLoader loader = shuffled(data(40)).build();
        Iterator<Batch> it = loader.epoch(0).iterator();
        it.next();
        Set<Thread> workers = prefetchThreads();
        workers.removeAll(before);
        assertEquals(1, workers.size(), "one worker runs while prefetching");
        Thread worker = workers.iterator().next();
        assertTrue(worker.isDaemon());
        loader.close();
        worker.join(5000);
        assertFalse(worker.isAlive(), "worker stopped after close");
        assertThrows(IllegalStateException.class, it::next);
        assertThrows(IllegalStateException.class, () -> loader.epoch(1).iterator());
        loader.close();
    }

    @Test
    void noPrefetchNoThread() {
        Set<Thread> before = prefetchThreads();
        try (DataLoader loader = shuffled(data(20)).prefetch(false).build()) {
            epoch(loader, 0);
            Set<Thread> during = prefetchThreads();
            during.removeAll(before);
            assertEquals(Set.of(), during);
        }
    }

    @Test
    void badSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> DataLoader.builder(data(2)).batchSize(0));
        try (DataLoader empty = DataLoader.builder(data(0)).batchSize(3).build()) {
            assertEquals(0, empty.batchCount());
            assertFalse(empty.epoch(0).iterator().hasNext());
        }
    }
}
