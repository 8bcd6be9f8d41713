package sabre.tensor;

/**
 * Philox 4×32-10 (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC 2011): a counter-based generator.
 * Output is a pure function of (key, counter), so CPU and GPU kernels draw identical numbers for the same element.
 *
 * <p>Sabre's convention: element {@code i} of a draw with (seed, offset) uses the 128-bit counter
 * {@code (offset + i, 0)} as two 64-bit halves and the 64-bit key {@code seed}; lane 0 gives a 32-bit uniform
 * (24 bits for FLOAT32), lanes 0–1 give 53 bits for FLOAT64 and the two uniforms of Box–Muller.
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
        int c0 = (int) counter;
        int c1 = (int) (counter >>> 32);
        int c2 = 0;
        int c3 = 0;
        int k0 = (int) seed;
        int k1 = (int) (seed >>> 32);
        for (int round = 0; round < 10; round++) {
            long p0 = (M0 & 0xFFFFFFFFL) * (c0 & 0xFFFFFFFFL);
            long p1 = (M1 & 0xFFFFFFFFL) * (c2 & 0xFFFFFFFFL);
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
