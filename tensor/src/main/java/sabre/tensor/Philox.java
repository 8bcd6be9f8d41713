package sabre.tensor;

/**
 * Philox 4×32-10 (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC 2011): a counter-based generator.
 * Output is a pure function of (key, counter), so CPU and GPU kernels draw identical numbers for the same element.
 *
 * <p>Sabre's convention: element {@code i} of a draw with (seed, offset) uses the 128-bit counter
 * {@code (offset + i, 0)} as two 64-bit halves and the 64-bit key {@code seed}; lane 0 gives a 32-bit uniform
 * (24 bits for FLOAT32), lanes 0–1 give 53 bits for FLOAT64, and a normal uses lanes 0–1 and 2–3 for the two
 * uniforms of Box–Muller (see {@link sabre.tensor.spi.RandomOps#normal}).
 *
 * <pre>{@code int[] lanes = Philox.block(42L, 7L); float u = Philox.unitFloat(lanes[0]);}</pre>
 */
public final class Philox {
    private static final int M0 = 0xD2511F53;
    private static final int M1 = 0xCD9E8D57;
    private static final int W0 = 0x9E3779B9;
    private static final int W1 = 0xBB67AE85;

    private Philox() {
    }

    /** The four 32-bit output lanes for key {@code seed} and counter {@code (counter, 0)}. */
    public static int[] block(long seed, long counter) {
        return block(new int[] {(int) counter, (int) (counter >>> 32), 0, 0}, new int[] {(int) seed, (int) (seed >>> 32)});
    }

    /** The full generator: four counter words and two key words in, four words out (Random123's philox4x32_10). */
    public static int[] block(int[] counter, int[] key) {
        int c0 = counter[0];
        int c1 = counter[1];
        int c2 = counter[2];
        int c3 = counter[3];
        int k0 = key[0];
        int k1 = key[1];
        for (int round = 0; round < 10; round++) {
            long p0 = (M0 & 0xFFFFFFFFL) * (c0 & 0xFFFFFFFFL);
            long p1 = (M1 & 0xFFFFFFFFL) * (c2 & 0xFFFFFFFFL);
            // one round: (hi(M1·c2) ⊕ c1 ⊕ k0, lo(M1·c2), hi(M0·c0) ⊕ c3 ⊕ k1, lo(M0·c0)), then bump the key
            int n0 = (int) (p1 >>> 32) ^ c1 ^ k0;
            int n1 = (int) p1;
            int n2 = (int) (p0 >>> 32) ^ c3 ^ k1;
            int n3 = (int) p0;
            c0 = n0;
            c1 = n1;
            c2 = n2;
            c3 = n3;
            k0 += W0;
            k1 += W1;
        }
        return new int[] {c0, c1, c2, c3};
    }

    /** A uniform float in [0, 1) from the top 24 bits of a lane. */
    public static float unitFloat(int lane) {
        return (lane >>> 8) * 0x1.0p-24f;
    }

    /** A uniform double in [0, 1) from 53 bits of two lanes. */
    public static double unitDouble(int hi, int lo) {
        long bits = ((long) (hi >>> 5) << 26) | (lo >>> 6);
        return bits * 0x1.0p-53;
    }
}
