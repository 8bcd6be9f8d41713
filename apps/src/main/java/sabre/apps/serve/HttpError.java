package sabre.apps.serve;

/**
 * A request the app refuses, with the HTTP status and a message for the person using it; rendered as a friendly
 * error page (never a stack trace).
 *
 * <pre>{@code throw HttpError.badRequest("That file is not a PNG or JPEG image.");}</pre>
 */
public final class HttpError extends RuntimeException {
    private final int status;

    public HttpError(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static HttpError badRequest(String message) {
        return new HttpError(400, message);
    }

    public static HttpError forbidden(String message) {
        return new HttpError(403, message);
    }

    public static HttpError notFound(String message) {
        return new HttpError(404, message);
    }

    public static HttpError tooLarge(String message) {
        return new HttpError(413, message);
    }
}
