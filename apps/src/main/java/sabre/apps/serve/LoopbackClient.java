package sabre.apps.serve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser stand-in for tests and the load test: keeps the session cookie, reads the CSRF token from the first
 * page, posts forms and multipart uploads. It talks to loopback addresses only and refuses any other.
 *
 * <pre>{@code LoopbackClient c = LoopbackClient.open(URI.create("http://127.0.0.1:8080/")); c.recognize(png);}</pre>
 */
public final class LoopbackClient {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final String BOUNDARY = "----sabre-boundary-7MA4YWxkTrZu0gW";

    private final URI base;
    private final HttpClient http;
    private String csrf;

    private LoopbackClient(URI base, Duration timeout) {
        this.base = base;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** Opens a session at {@code base} (must be a loopback address) and reads its CSRF token. */
    public static LoopbackClient open(URI base) throws IOException, InterruptedException {
        InetAddress host = InetAddress.getByName(base.getHost());
        if (!host.isLoopbackAddress()) {
            throw new IllegalArgumentException("loopback client: " + base + " is not a loopback address");
        }
        LoopbackClient c = new LoopbackClient(base, Duration.ofSeconds(10));
        HttpResponse<String> first = c.get("/");
        c.csrf = token(first.body());
        return c;
    }

    /** The session's CSRF token. */
    public String csrf() {
        return csrf;
    }

    /** The CSRF token in {@code html}'s first form. */
    public static String token(String html) {
        Matcher m = CSRF.matcher(html);
        if (!m.find()) {
            throw new IllegalStateException("loopback client: no CSRF token in the page");
        }
        return m.group(1);
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Posts {@code form} URL-encoded (the session's CSRF token is added unless {@code form} has one). */
    public HttpResponse<String> post(String path, Map<String, String> form) throws IOException, InterruptedException {
        StringJoiner body = new StringJoiner("&");
        if (!form.containsKey("csrf")) {
            body.add("csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8));
        }
        form.forEach((k, v) -> body.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Uploads {@code image} to the recognition page with the session's CSRF token. */
    public HttpResponse<String> recognize(byte[] image) throws IOException, InterruptedException {
        return upload(csrf, image);
    }

    /** Uploads {@code image} as field {@code image} with CSRF token {@code token} (null: none). */
    public HttpResponse<String> upload(String token, byte[] image) throws IOException, InterruptedException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (token != null) {
            body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + token
                    + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"x.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(image);
        body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(base.resolve("/recognize")).timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
