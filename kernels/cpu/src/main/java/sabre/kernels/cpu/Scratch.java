package sabre.kernels.cpu;

/**
 * Per-thread reusable float buffers for one kernel: {@code slots} independent buffers per thread, each grown to the
 * largest size asked for and never shrunk (kernel temporaries without garbage; packing and transforms run on several
 * threads at once, so each thread has its own).
 *
 * <pre>{@code private static final Scratch SCRATCH = new Scratch(2); float[] col = SCRATCH.get(0, n);}</pre>
 */
final class Scratch {
    private final ThreadLocal<float[][]> buffers;

    Scratch(int slots) {
        buffers = ThreadLocal.withInitial(() -> new float[slots][0]);
    }

    /** This thread's buffer {@code slot}, at least {@code n} floats long (contents left from its last use). */
    float[] get(int slot, int n) {
        float[][] h = buffers.get();
        if (h[slot].length < n) {
            h[slot] = new float[n];
        }
        return h[slot];
    }
}
