package sabre.apps.serve;

import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.UploadedFile;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The recognition web app on Javalin (Jetty 12): recognise an uploaded or camera image (top-5, Grad-CAM overlay,
 * time taken), correct a wrong result into the feedback database, read an article per class, play the quiz, and
 * (from loopback only, unless allowed) see the feedback per class and the predicted-vs-corrected confusion.
 *
 * <p>Safety: POST bodies must declare a length at most the upload cap plus {@value #FORM_OVERHEAD} bytes (else 411
 * or 413, before anything is read); uploads are checked by {@link UploadCheck}; every POST carries the session's
 * CSRF token; sessions are cookies ({@code HttpOnly; SameSite=Strict}); pages send a strict
 * Content-Security-Policy; errors are pages with a message and no stack trace; requests run on a bounded Jetty pool
 * behind a connection limit, and inference one image at a time.
 *
 * <pre>{@code try (ServeApp app = ServeApp.start(parts, ServeApp.Settings.loopback(8080))) { ... }}</pre>
 */
public final class ServeApp implements AutoCloseable {
    /** Bytes allowed in a POST beyond the upload cap (multipart boundaries, headers, the other fields). */
    public static final int FORM_OVERHEAD = 64 * 1024;
    static final String COOKIE = "sabre_session";
    private static final String ERROR_SHOWN = "sabre.error";
    private static final String SESSION = "sabre.session";
    private static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'none'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /** Where the server listens and its limits. */
    public record Settings(String host, int port, long maxUploadBytes, long maxPixels, int threads, int connections,
                           int sessions, boolean adminAnywhere) {
        public Settings {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("serve: port must be in 0..65535, found " + port);
            }
            if (threads < 4 || connections < 1 || sessions < 1) {
                throw new IllegalArgumentException("serve: need at least 4 threads, 1 connection and 1 session; found "
                        + threads + ", " + connections + ", " + sessions);
            }
        }

        /** Loopback on {@code port}: 10 MiB uploads, 40 megapixels, 16 threads, 256 connections, 10,000 sessions. */
        public static Settings loopback(int port) {
            return new Settings("127.0.0.1", port, 10L << 20, 40_000_000L, 16, 256, 10_000, false);
        }
    }

    /** What the app serves: the recognizer, articles, the quiz (null when its test set is unavailable) and the db. */
    public record Parts(Recognizer recognizer, Articles articles, Quiz quiz, String quizNotice, FeedbackStore db,
                        PrintStream log) {
    }

    private final Javalin app;
    private final Settings settings;

    private ServeApp(Javalin app, Settings settings) {
        this.app = app;
        this.settings = settings;
    }

    /** Starts the server; {@code port 0} picks a free port. */
    public static ServeApp start(Parts parts, Settings settings) {
        ImageIO.setUseCache(false);
        Routes routes = new Routes(parts, settings, new Sessions(settings.sessions()), new Pages());
        // at most `threads` threads; the job queue stays unbounded as Jetty advises, bounded in effect by the
        // connection limit (beyond it, new connections wait in the kernel's accept backlog)
        QueuedThreadPool pool = new QueuedThreadPool(settings.threads(), 4);
        pool.setName("sabre-serve");
        long maxPost = settings.maxUploadBytes() + FORM_OVERHEAD;
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.host = settings.host();
            config.jetty.port = settings.port();
            config.jetty.threadPool = pool;
            config.jetty.modifyServer(server -> server.addBean(new NetworkConnectionLimit(settings.connections(),
                    server)));
            config.http.maxRequestSize = maxPost;
            config.jetty.multipartConfig.maxFileSize(maxPost, SizeUnit.BYTES);
            config.jetty.multipartConfig.maxTotalRequestSize(maxPost, SizeUnit.BYTES);
            config.jetty.multipartConfig.maxInMemoryFileSize((int) maxPost, SizeUnit.BYTES);
            routes.install(config.routes);
            config.router.javaLangErrorHandler(routes::fatal);
        });
        app.start();
        return new ServeApp(app, settings);
    }

    /** The port it listens on. */
    public int port() {
        return app.port();
    }

    /** The URL to open. */
    public String url() {
        String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
        return "http://" + host + ":" + port() + "/";
    }

    @Override
    public void close() {
        app.stop();
    }

    /** Whether a client at {@code remoteAddress} (an IP literal) may see /admin. */
    static boolean adminAllowed(String remoteAddress, boolean anywhere) throws UnknownHostException {
        return anywhere || InetAddress.getByName(remoteAddress).isLoopbackAddress();
    }

    /** The handlers. */
    private static final class Routes {
        private final Parts parts;
        private final Settings settings;
        private final Sessions sessions;
        private final Pages pages;
        private final ServedModel served;

        Routes(Parts parts, Settings settings, Sessions sessions, Pages pages) {
            this.parts = parts;
            this.settings = settings;
            this.sessions = sessions;
            this.pages = pages;
            this.served = parts.recognizer().served();
        }

        void install(io.javalin.config.RoutesConfig r) {
            r.before(this::guard);
            r.get("/", ctx -> page(ctx, "index", Map.of()));
            r.post("/recognize", this::recognize);
            r.post("/feedback", this::feedback);
            r.get("/articles", ctx -> page(ctx, "articles", Map.of("articles", articleLinks())));
            r.get("/articles/{slug}", this::article);
            r.get("/quiz", this::quiz);
            r.post("/quiz", this::answer);
            r.get("/admin", this::admin);
            r.get("/style.css", this::style);
            r.exception(HttpError.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
            r.exception(Exception.class, (e, ctx) -> {
                parts.log().println("serve: " + ctx.method() + " " + ctx.path() + " failed: " + e);
                error(ctx, 500, "Something went wrong on the server; it has been logged. Please try again.");
            });
            r.error(404, ctx -> {
                if (ctx.attribute(ERROR_SHOWN) == null) {
                    error(ctx, 404, "There is no page at this address.");
                }
            });
        }

        /** Headers on every response; length and CSRF checks on every POST. */
        private void guard(Context ctx) {
            ctx.header("Content-Security-Policy", CSP);
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Referrer-Policy", "no-referrer");
            ctx.header("X-Frame-Options", "DENY");
            if (ctx.method() != HandlerType.POST) {
                return;
            }
            long length = ctx.req().getContentLengthLong();
            if (length < 0) {
                throw new HttpError(411, "The request did not say how long it is.");
            }
            if (length > settings.maxUploadBytes() + FORM_OVERHEAD) {
                throw HttpError.tooLarge(String.format("The upload has %,d bytes; at most %,d are accepted.", length,
                        settings.maxUploadBytes()));
            }
            Sessions.Session s = sessions.find(ctx.cookie(COOKIE));
            String token;
            try {
                token = ctx.formParam("csrf");
            } catch (RuntimeException e) {
                throw HttpError.badRequest("The form could not be read.");
            }
            if (s == null || token == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                    s.csrf().getBytes(StandardCharsets.UTF_8))) {
                throw HttpError.forbidden("This form has expired or did not come from this site (its CSRF token is "
                        + "missing or wrong). Reload the page and try again.");
            }
            ctx.attribute(SESSION, s);
        }

        private Sessions.Session session(Context ctx) {
            Sessions.Session s = ctx.attribute(SESSION);
            if (s == null) {
                s = sessions.find(ctx.cookie(COOKIE));
            }
            if (s == null) {
                s = sessions.create();
                ctx.res().addHeader("Set-Cookie", COOKIE + "=" + s.id() + "; Path=/; HttpOnly; SameSite=Strict");
            }
            ctx.attribute(SESSION, s);
            return s;
        }

        private void recognize(Context ctx) throws IOException {
            UploadedFile file = null;
            for (UploadedFile f : ctx.uploadedFiles("image")) {
                if (f.size() > 0 && file == null) {
                    file = f;
                }
            }
            if (file == null) {
                throw HttpError.badRequest("No image was uploaded: take a photo or choose a file.");
            }
            if (file.size() > settings.maxUploadBytes()) {
                throw HttpError.tooLarge(String.format("The file has %,d bytes; at most %,d are accepted.", file.size(),
                        settings.maxUploadBytes()));
            }
            byte[] bytes;
            try (InputStream in = file.content()) {
                bytes = in.readAllBytes();
            }
            Recognizer.Result result = parts.recognizer().recognize(bytes);
            String id = sessions.token();
            session(ctx).remember(id, result);
            Map<String, Object> v = new HashMap<>();
            v.put("result", result);
            v.put("resultId", id);
            v.put("millis", String.format(Locale.ROOT, "%.0f", result.millis()));
            v.put("input", Pictures.dataUri(Pictures.png(result.input(), served.channels(), served.size(),
                    served.size())));
            v.put("overlay", Pictures.dataUri(result.overlayPng()));
            v.put("choices", choices(result.predicted()));
            page(ctx, "result", v);
        }

        private void feedback(Context ctx) throws SQLException {
            Recognizer.Result result = session(ctx).recall(ctx.formParam("result"));
            if (result == null) {
                throw HttpError.badRequest("That result is no longer available (the last " + Sessions.RECENT
                        + " are kept): recognise the image again.");
            }
            int corrected = classIndex(ctx.formParam("corrected"));
            long id = parts.db().add(served.id(), result.predicted(), served.classes().get(result.predicted()),
                    corrected, served.classes().get(corrected), result.probabilities(),
                    Pictures.png(result.input(), served.channels(), served.size(), served.size()));
            page(ctx, "thanks", Map.of("id", id, "corrected", served.classes().get(corrected),
                    "predicted", served.classes().get(result.predicted()),
                    "slug", Slugs.of(served.classes().get(corrected))));
        }

        private void article(Context ctx) throws IOException {
            Articles.Article a = parts.articles().article(ctx.pathParam("slug"))
                    .orElseThrow(() -> HttpError.notFound("There is no article with that name."));
            page(ctx, "article", Map.of("article", a));
        }

        private void quiz(Context ctx) {
            Quiz quiz = parts.quiz();
            if (quiz == null) {
                page(ctx, "quiz", Map.of("notice", parts.quizNotice()));
                return;
            }
            Sessions.Session s = session(ctx);
            int image = quiz.question(s.score(), s.number());
            page(ctx, "quiz", Map.of("image", Pictures.dataUri(quiz.png(image)), "choices", choices(-1),
                    "score", s.score()));
        }

        private void answer(Context ctx) {
            Quiz quiz = parts.quiz();
            if (quiz == null) {
                throw HttpError.notFound(parts.quizNotice());
            }
            Sessions.Session s = session(ctx);
            Quiz.Answer a = quiz.answer(s.score(), classIndex(ctx.formParam("choice")));
            page(ctx, "quiz", Map.of("answer", a, "image", Pictures.dataUri(quiz.png(a.image())), "score", s.score()));
        }

        private void admin(Context ctx) throws SQLException, UnknownHostException {
            if (!adminAllowed(ctx.req().getRemoteAddr(), settings.adminAnywhere())) {
                throw HttpError.forbidden("The admin page is only served to this machine (loopback).");
            }
            int n = served.classes().size();
            int[][] confusion = parts.db().confusion(n);
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int corrected = 0;
                int predicted = 0;
                for (int j = 0; j < n; j++) {
                    corrected += confusion[j][i];
                    predicted += confusion[i][j];
                }
                rows.add(Map.of("name", served.classes().get(i), "corrected", corrected, "predicted", predicted,
                        "cells", confusion[i]));
            }
            page(ctx, "admin", Map.of("rows", rows, "total", parts.db().count(), "classes", served.classes()));
        }

        private void style(Context ctx) throws IOException {
            try (InputStream in = ServeApp.class.getResourceAsStream("static/style.css")) {
                ctx.contentType("text/css; charset=utf-8").result(in.readAllBytes());
            }
        }

        private int classIndex(String text) {
            try {
                int i = Integer.parseInt(text == null ? "" : text.trim());
                if (i >= 0 && i < served.classes().size()) {
                    return i;
                }
            } catch (NumberFormatException e) {
                // answered below
            }
            throw HttpError.badRequest("Choose one of the listed classes.");
        }

        private List<Map<String, Object>> choices(int except) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (int i = 0; i < served.classes().size(); i++) {
                if (i != except) {
                    out.add(Map.of("index", i, "name", served.classes().get(i)));
                }
            }
            return out;
        }

        private List<Map<String, Object>> articleLinks() {
            List<Map<String, Object>> out = new ArrayList<>();
            for (String name : served.classes()) {
                out.add(Map.of("name", name, "slug", Slugs.of(name)));
            }
            return out;
        }

        private void page(Context ctx, String template, Map<String, ?> variables) {
            Map<String, Object> v = new HashMap<>(variables);
            v.put("csrf", session(ctx).csrf());
            v.put("model", served);
            v.put("maxUpload", mebibytes(settings.maxUploadBytes()));
            ctx.html(pages.render(template, v));
        }

        private static String mebibytes(long bytes) {
            return bytes >= 1 << 20 ? String.format(Locale.ROOT, "%.0f MiB", bytes / 1048576.0)
                    : String.format(Locale.ROOT, "%.0f KiB", bytes / 1024.0);
        }

        /** A JVM error (out of memory, a linkage error) in a handler: logged, and the same friendly page. */
        void fatal(HttpServletResponse res, Error e) {
            parts.log().println("serve: fatal error in a handler: " + e);
            try {
                res.setStatus(500);
                res.setContentType("text/html; charset=utf-8");
                res.getWriter().write(pages.render("error", Map.of("status", 500, "model", served,
                        "message", "Something went wrong on the server; it has been logged. Please try again.")));
            } catch (IOException | RuntimeException ignored) {
                // the connection is gone or the response committed: nothing more can be sent
            }
        }

        private void error(Context ctx, int status, String message) {
            ctx.attribute(ERROR_SHOWN, true);
            ctx.status(status);
            Map<String, Object> v = new HashMap<>();
            v.put("status", status);
            v.put("message", message);
            v.put("model", served);
            ctx.html(pages.render("error", v));
        }
    }
}
