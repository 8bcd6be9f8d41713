package sabre.apps.train;

/**
 * Training met NaN or ±Inf: the message names the epoch and step (both 1-based) and the first non-finite tensor
 * (the loss, a parameter's gradient or a parameter). Thrown before the epoch's checkpoint is written, so the run
 * directory keeps the checkpoint of the last finished epoch; {@code sabre train} reports the message with exit code 1.
 *
 * <pre>{@code try { trainer.run(false); } catch (NonFiniteException e) { log(e.getMessage()); }}</pre>
 */
public final class NonFiniteException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A non-finite value, described by {@code message}. */
    public NonFiniteException(String message) {
        super(message);
    }
}
