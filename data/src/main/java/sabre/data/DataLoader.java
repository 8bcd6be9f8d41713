package sabre.data;

import sabre.tensor.Generator;
import sabre.tensor.Tensor;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Mini-batches over an {@link ImageDataset}: images FLOAT32 [B, C, H, W] (pixels / 255, then the transform) and
 * labels INT32 [B].
 *
 * <p><b>Determinism.</b> Every batch is a pure function of (seed, epoch, batch index). With shuffling, epoch k's
 * order is a permutation drawn from a {@link Generator} seeded by (seed, k) alone, so a run resumed at epoch k (or
 * at batch b of it, {@link #epoch(int, int)}) sees exactly the batches an uninterrupted run would. The transform
 * gets, for each sample, a generator seeded by (seed, epoch, the sample's data-set index) — see
 * {@link #sampleGenerator} — so augmentation does not depend on threads, batch size or prefetching.
 *
 * <p><b>Prefetch.</b> With prefetching on (the default), one daemon worker thread assembles batch i+1 (reading
 * pixels and running the transform, which must therefore keep no mutable state) while the caller uses batch i; the
 * tensors themselves are created on the caller's thread. Results are identical with prefetching off.
 * {@link #close()} stops and joins the worker; call it (try-with-resources) when done.
 *
 * <pre>{@code
 * try (DataLoader loader = DataLoader.builder(train).batchSize(128).shuffle(true).seed(1).dropLast(true)
 *         .transform(Transform.compose(new RandomCrop(32, 32, 4), new RandomHorizontalFlip(0.5))).build()) {
 *     for (int epoch = 0; epoch < 10; epoch++) {
 *         for (Batch b : loader.epoch(epoch)) { train(b.images(), b.labels()); }
 *     }
 * }
 * }</pre>
 */
public final class DataLoader implements AutoCloseable {
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ImageDataset data;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final boolean dropLast;
    private final boolean prefetch;
    private final Transform transform;
    private ExecutorService worker;
    private volatile boolean closed;

    private DataLoader(Builder b) {
        this.data = b.data;
        this.batchSize = b.batchSize;
        this.shuffle = b.shuffle;
        this.seed = b.seed;
        this.dropLast = b.dropLast;
        this.prefetch = b.prefetch;
        this.transform = b.transform;
    }

    /** A builder over {@code data}: batch size 1, no shuffling, seed 0, keep the last partial batch, prefetch on. */
    public static Builder builder(ImageDataset data) {
        return new Builder(data);
    }

    /** Batches per epoch: ⌊n / B⌋ with drop-last, else ⌈n / B⌉. */
    public int batchCount() {
        return dropLast ? data.size() / batchSize : (data.size() + batchSize - 1) / batchSize;
    }

    /** The data set this loader reads. */
    public ImageDataset dataset() {
        return data;
    }

    /** The order in which epoch {@code epoch} visits the data set (identity without shuffling). */
    public int[] order(int epoch) {
        checkEpoch(epoch);
        if (!shuffle) {
            int[] identity = new int[data.size()];
            Arrays.setAll(identity, i -> i);
            return identity;
        }
        return Tensor.randperm(new Generator(LoaderSeeds.derive(seed, LoaderSeeds.SHUFFLE, epoch, 0)), data.size())
                .toIntArray();
    }

    /** The generator the transform receives for data-set sample {@code index} in epoch {@code epoch}. */
    public Generator sampleGenerator(int epoch, int index) {
        checkEpoch(epoch);
        return new Generator(LoaderSeeds.derive(seed, LoaderSeeds.TRANSFORM, epoch, index));
    }

    /** The batches of epoch {@code epoch}, from the first. */
    public Iterable<Batch> epoch(int epoch) {
        return epoch(epoch, 0);
    }

    /** The batches of epoch {@code epoch} from batch {@code firstBatch} on (to resume mid-epoch). */
    public Iterable<Batch> epoch(int epoch, int firstBatch) {
        checkEpoch(epoch);
        if (firstBatch < 0 || firstBatch > batchCount()) {
            throw new IllegalArgumentException("data loader: first batch " + firstBatch + " outside 0.."
                    + batchCount());
        }
        return () -> new Batches(epoch, firstBatch);
    }

    /** Stops the prefetch worker and waits for it to finish; later iteration fails. Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        if (worker == null) {
            return;
        }
        for (Runnable pending : worker.shutdownNow()) {
            ((Future<?>) pending).cancel(false);
        }
        try {
            if (!worker.awaitTermination(1, TimeUnit.MINUTES)) {
                throw new IllegalStateException("data loader: prefetch worker did not stop within a minute");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void checkEpoch(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("data loader: epoch must be non-negative, found " + epoch);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("data loader: closed");
        }
    }

    private synchronized ExecutorService worker() {
        checkOpen();
        if (worker == null) {
            worker = Executors.newSingleThreadExecutor(task -> {
                Thread t = new Thread(task, "sabre-data-prefetch-" + THREADS.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
        return worker;
    }

    /** Batch {@code b} of an epoch as host arrays; runs on the worker or the caller, with the same result. */
    private HostBatch assemble(int epoch, int[] order, int b) {
        int start = b * batchSize;
        int[] indices = Arrays.copyOfRange(order, start, Math.min(start + batchSize, order.length));
        int[] labels = new int[indices.length];
        float[] images = null;
        int[] shape = null;
        for (int k = 0; k < indices.length; k++) {
            FloatImage image = transform.apply(data.floatImage(indices[k]), sampleGenerator(epoch, indices[k]));
            int[] s = {image.channels(), image.height(), image.width()};
            if (shape == null) {
                shape = s;
                images = new float[indices.length * image.numel()];
            } else if (!Arrays.equals(shape, s)) {
                throw new IllegalArgumentException("data loader: the transform made sample " + indices[k] + " "
                        + Arrays.toString(s) + " but sample " + indices[0] + " " + Arrays.toString(shape)
                        + "; a batch needs one image shape");
            }
            System.arraycopy(image.data(), 0, images, k * image.numel(), image.numel());
            labels[k] = data.label(indices[k]);
        }
        return new HostBatch(images, labels, indices, shape);
    }

    /** A batch before tensors are made: built off the caller's thread when prefetching. */
    private record HostBatch(float[] images, int[] labels, int[] indices, int[] shape) {
        Batch toBatch() {
            int n = indices.length;
            return new Batch(Tensor.of(images, n, shape[0], shape[1], shape[2]), Tensor.ofInts(labels, n), indices);
        }
    }

    /** One pass over an epoch; with prefetching, the next batch is always in flight on the worker. */
    private final class Batches implements Iterator<Batch> {
        private final int epoch;
        private final int[] order;
        private int next;
        private Future<HostBatch> pending;

        Batches(int epoch, int first) {
            checkOpen();
            this.epoch = epoch;
            this.order = order(epoch);
            this.next = first;
            if (prefetch && next < batchCount()) {
                pending = submit(next);
            }
        }

        private Future<HostBatch> submit(int b) {
            return worker().submit(() -> assemble(epoch, order, b));
        }

        @Override
        public boolean hasNext() {
            return next < batchCount();
        }

        @Override
        public Batch next() {
            if (!hasNext()) {
                throw new NoSuchElementException("data loader: epoch " + epoch + " has only " + batchCount()
                        + " batches");
            }
            checkOpen();
            int b = next++;
            if (!prefetch) {
                return assemble(epoch, order, b).toBatch();
            }
            HostBatch current = await(pending);
            pending = hasNext() ? submit(next) : null;
            return current.toBatch();
        }

        private HostBatch await(Future<HostBatch> future) {
            try {
                return future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("data loader: interrupted while waiting for a batch", e);
            } catch (CancellationException e) {
                throw new IllegalStateException("data loader: closed", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException("data loader: batch failed", e.getCause());
            }
        }
    }

    /**
     * Settings of a {@link DataLoader}.
     *
     * <pre>{@code DataLoader l = DataLoader.builder(data).batchSize(64).shuffle(true).seed(3).build();}</pre>
     */
    public static final class Builder {
        private final ImageDataset data;
        private int batchSize = 1;
        private boolean shuffle;
        private long seed;
        private boolean dropLast;
        private boolean prefetch = true;
        private Transform transform = Transform.compose();

        private Builder(ImageDataset data) {
            this.data = data;
        }

        /** Samples per batch, positive. */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("data loader: batch size must be positive, found " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** Visit the data in a new seeded random order each epoch. */
        public Builder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /** The seed of the shuffling permutations and of the transforms' per-sample generators. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Drop the last batch when it is smaller than the batch size. */
        public Builder dropLast(boolean dropLast) {
            this.dropLast = dropLast;
            return this;
        }

        /** Assemble the next batch on a background thread (default on); results are the same either way. */
        public Builder prefetch(boolean prefetch) {
            this.prefetch = prefetch;
            return this;
        }

        /** The per-sample transform (default: none); it must be stateless, it runs on the worker thread. */
        public Builder transform(Transform transform) {
            this.transform = transform;
            return this;
        }

        public DataLoader build() {
            return new DataLoader(this);
        }
    }
}
