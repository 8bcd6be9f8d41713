package sabre.apps.cli;

/**
 * The check every count option ({@code --batch}, {@code --count}, {@code --n}, {@code --zoom}) gets before any work,
 * so a zero or negative value is refused naming the option instead of failing deep inside the engine.
 *
 * <pre>{@code int batch = Counts.atLeastOne("--batch", 0); // IllegalArgumentException: --batch must be at least 1, found 0}</pre>
 */
final class Counts {
    private Counts() {
    }

    /** {@code value} when it is at least 1; otherwise an {@link IllegalArgumentException} naming {@code option}. */
    static int atLeastOne(String option, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(option + " must be at least 1, found " + value);
        }
        return value;
    }
}
