package sabre.tensor;

/**
 * An explicit source of randomness: a seed and a running offset into the Philox counter space. Each draw of n
 * elements uses counters {@code offset .. offset+n-1} and then advances the offset, so the state is just two longs
 * (save them in a checkpoint with {@link #offset()} and restore with {@link #Generator(long, long)}).
 *
 * <p>Not thread-safe: give each thread its own generator.
 *
 * <pre>{@code Generator g = new Generator(42); Tensor noise = Tensor.randn(g, DType.FLOAT32, 8, 3, 32, 32);}</pre>
 */
public final class Generator {
    private final long seed;
    private long offset;

    /** A generator at the start of the stream for {@code seed}. */
    public Generator(long seed) {
        this(seed, 0);
    }

    /** A generator positioned at {@code offset} (for resuming). */
    public Generator(long seed, long offset) {
        Check.arg(offset >= 0, "generator", "negative offset %d", offset);
        this.seed = seed;
        this.offset = offset;
    }

    public long seed() {
        return seed;
    }

    public long offset() {
        return offset;
    }

    /** Reserves {@code n} counters and returns the first. */
    public long advance(long n) {
        long start = offset;
        offset += n;
        return start;
    }

    /** An independent generator derived from this one's next counter (for handing to a worker). */
    public Generator fork() {
        int[] lanes = Philox.block(seed, advance(1));
        return new Generator(((long) lanes[0] << 32) | (lanes[1] & 0xFFFFFFFFL));
    }
}
