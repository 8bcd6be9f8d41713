package sabre.apps.serve;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every bad input over real HTTP, and the happy path underneath the browser test. */
class ServeHttpTest {
    private ServeFixture fx;
    private LoopbackClient client;

    @BeforeEach
    void open() throws Exception {
        fx = ServeFixture.get();
        client = LoopbackClient.open(URI.create(fx.app.url()));
    }

    @Test
    void recognisesAPngAndStoresACorrection() throws Exception {
        HttpResponse<String> r = client.recognize(fx.testPng(0));
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("id=\"cam\"") && r.body().contains("src=\"data:image/png;base64,"));
        assertEquals(Recognizer.TOP, r.body().split("<meter").length - 1);
        String resultId = r.body().replaceAll("(?s).*name=\"result\" value=\"([^\"]+)\".*", "$1");
        int before = fx.db.count();
        HttpResponse<String> f = client.post("/feedback", Map.of("result", resultId, "corrected", "7"));
        assertEquals(200, f.statusCode(), f.body());
        assertEquals(before + 1, fx.db.count());
        assertTrue(f.body().contains("you said <b>Sneaker</b>"), f.body());
    }

    @Test
    void refusesAnUploadOverTheCapBeforeReadingIt() throws Exception {
        byte[] big = Arrays.copyOf(fx.testPng(0), (int) ServeFixture.MAX_UPLOAD + ServeApp.FORM_OVERHEAD + 1);
        assertError(client.recognize(big), 413, "at most");
        byte[] justOver = Arrays.copyOf(fx.testPng(0), (int) ServeFixture.MAX_UPLOAD + 1); // within the form slack
        assertError(client.recognize(justOver), 413, "at most");
    }

    @Test
    void refusesAPostThatDoesNotSayItsLength() throws Exception {
        URI url = URI.create(fx.app.url());
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            socket.setSoTimeout(30_000);
            String request = "POST /recognize HTTP/1.1\r\nHost: " + url.getHost() + "\r\nConnection: close\r\n"
                    + "Content-Type: multipart/form-data; boundary=x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(response.startsWith("HTTP/1.1 411"), response);
            assertTrue(response.contains("did not say how long it is"), response);
            noStackTrace(response);
        }
    }

    @Test
    void refusesWhatIsNotAnImage() throws Exception {
        assertError(client.recognize("<?php echo 1; ?>".getBytes()), 400, "not a PNG or JPEG");
        assertError(client.recognize(new byte[0]), 400, "No image");
    }

    @Test
    void refusesATruncatedPng() throws Exception {
        byte[] png = fx.testPng(1);
        assertError(client.recognize(Arrays.copyOf(png, png.length - 30)), 400, "truncated or corrupt");
    }

    @Test
    void refusesADecompressionBomb() throws Exception {
        byte[] bomb = new byte[33];
        System.arraycopy(fx.testPng(0), 0, bomb, 0, 16); // signature, IHDR length and type
        bomb[16] = 0x00; bomb[17] = 0x01; bomb[18] = (byte) 0x86; bomb[19] = (byte) 0xA0; // width 100,000
        bomb[20] = 0x00; bomb[21] = 0x01; bomb[22] = (byte) 0x86; bomb[23] = (byte) 0xA0; // height 100,000
        assertError(client.recognize(bomb), 413, "pixels");
    }

    @Test
    void refusesFormsWithoutTheSessionsCsrfToken() throws Exception {
        assertError(client.upload(null, fx.testPng(0)), 403, "CSRF");
        assertError(client.upload("forged", fx.testPng(0)), 403, "CSRF");
        assertError(client.post("/feedback", Map.of("csrf", "", "result", "x", "corrected", "1")), 403, "CSRF");
        LoopbackClient other = LoopbackClient.open(URI.create(fx.app.url()));
        assertError(client.upload(other.csrf(), fx.testPng(0)), 403, "CSRF"); // another session's token
    }

    @Test
    void refusesFeedbackForUnknownResultsOrClasses() throws Exception {
        assertError(client.post("/feedback", Map.of("result", "nope", "corrected", "1")), 400, "no longer available");
        String page = client.recognize(fx.testPng(2)).body();
        String id = page.replaceAll("(?s).*name=\"result\" value=\"([^\"]+)\".*", "$1");
        assertError(client.post("/feedback", Map.of("result", id, "corrected", "10")), 400, "Choose one");
        assertError(client.post("/feedback", Map.of("result", id, "corrected", "-1")), 400, "Choose one");
    }

    @Test
    void articlePathsCannotLeaveTheArticles() throws Exception {
        assertEquals(200, client.get("/articles/sneaker").statusCode());
        for (String path : new String[] {"/articles/..%2F..%2Fpom.xml", "/articles/%2e%2e", "/articles/..",
                "/articles/sneaker.md", "/articles/..%5Cpom.xml", "/../pom.xml"}) {
            HttpResponse<String> r = client.get(path);
            assertTrue(r.statusCode() == 404 || r.statusCode() == 400, path + " → " + r.statusCode());
            assertFalse(r.body().contains("<project"), path);
            noStackTrace(r.body());
        }
    }

    @Test
    void quizScoresYouAndTheModel() throws Exception {
        HttpResponse<String> q = client.get("/quiz");
        assertTrue(q.body().contains("id=\"quiz-image\""));
        HttpResponse<String> a = client.post("/quiz", Map.of("choice", "0"));
        assertEquals(200, a.statusCode(), a.body());
        assertTrue(a.body().contains("<b id=\"asked\">1</b>"), a.body());
        assertError(client.post("/quiz", Map.of("choice", "0")), 400, "No quiz question is open");
    }

    @Test
    void adminIsForLoopbackOnly() throws Exception {
        assertEquals(200, client.get("/admin").statusCode());
        assertTrue(ServeApp.adminAllowed("127.0.0.1", false));
        assertTrue(ServeApp.adminAllowed("::1", false));
        assertFalse(ServeApp.adminAllowed("192.168.1.20", false));
        assertTrue(ServeApp.adminAllowed("192.168.1.20", true));
    }

    @Test
    void unknownPagesAreFriendly() throws Exception {
        assertError(client.get("/no/such/page"), 404, "no page");
    }

    private static void assertError(HttpResponse<String> r, int status, String text) {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.body().contains("id=\"error\"") && r.body().contains(text), r.body());
        noStackTrace(r.body());
    }

    private static void noStackTrace(String body) {
        for (String leak : new String[] {"Exception", "at sabre.", "at java.", "at io.javalin", ".java:"}) {
            assertFalse(body.contains(leak), "error page shows " + leak + ":\n" + body);
        }
    }
}
