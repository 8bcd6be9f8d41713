package sabre.autograd;

/**
 * A scope in which ops record nothing (inference, parameter updates, attack projections). Scopes nest and are
 * per thread.
 *
 * <pre>{@code try (NoGrad scope = NoGrad.enter()) { Var y = model.apply(x); }}</pre>
 */
public final class NoGrad implements AutoCloseable {
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);
    private boolean closed;

    private NoGrad() {
        DEPTH.get()[0]++;
    }

    /** Enters a no-grad scope; close it (try-with-resources) to leave. */
    public static NoGrad enter() {
        return new NoGrad();
    }

    /** True inside at least one open scope on this thread. */
    public static boolean active() {
        return DEPTH.get()[0] > 0;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            DEPTH.get()[0]--;
        }
    }
}
