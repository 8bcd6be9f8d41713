package sabre.apps.serve;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Articles: content folder first, built-ins next; sanitised; no way out of the folder. */
class ArticlesTest {
    @TempDir
    Path dir;

    @Test
    void builtInArticlesCoverTheFashionMnistClasses() throws Exception {
        List<String> fashion = sabre.data.Mnist.FASHION;
        Articles a = new Articles(null, fashion);
        for (String name : fashion) {
            Articles.Article art = a.article(Slugs.of(name)).orElseThrow();
            assertTrue(art.html().startsWith("<h1>"), name);
            assertFalse(art.html().contains("No article"), name);
        }
    }

    @Test
    void contentFolderWinsAndIsSanitised() throws Exception {
        Path content = Files.createDirectory(dir.resolve("content"));
        Files.writeString(content.resolve("rose.md"), "# Rose\n\n<script>alert(1)</script>\n\n"
                + "[click](javascript:alert(2)) <img src=x onerror=alert(3)> **thorny**\n");
        Articles a = new Articles(content, List.of("Rose", "Tulip"));
        String html = a.article("rose").orElseThrow().html();
        assertTrue(html.contains("<h1>Rose</h1>") && html.contains("<strong>thorny</strong>"), html);
        for (String bad : new String[] {"<script", "javascript:", "<img"}) {
            assertFalse(html.contains(bad), bad + " in " + html);
        }
        assertFalse(html.matches("(?s).*<[^>]*onerror.*"), html); // only as escaped text
        assertTrue(a.article("tulip").orElseThrow().html().contains("No article about this class yet"));
    }

    @Test
    void onlySlugsOfServedClassesAreLookedUp() throws Exception {
        Path content = Files.createDirectory(dir.resolve("content"));
        Files.writeString(dir.resolve("secret.md"), "# secret");
        Articles a = new Articles(content, List.of("Rose"));
        for (String slug : new String[] {"../secret", "..", "rose.md", "rose/../../secret", "ROSE", "", null}) {
            assertEquals(java.util.Optional.empty(), a.article(slug), String.valueOf(slug));
        }
    }

    @Test
    void aSymbolicLinkOutOfTheContentFolderIsRefused() throws Exception {
        Path content = Files.createDirectory(dir.resolve("content"));
        Path secret = Files.writeString(dir.resolve("secret.md"), "# secret");
        Files.createSymbolicLink(content.resolve("rose.md"), secret);
        HttpError e = assertThrows(HttpError.class, () -> new Articles(content, List.of("Rose")).article("rose"));
        assertEquals(403, e.status());
    }

    @Test
    void slugsNeverLeaveAFolder() {
        assertEquals("t-shirt-top", Slugs.of("T-shirt/top"));
        assertEquals("ankle-boot", Slugs.of("Ankle boot"));
        assertEquals("etc-passwd", Slugs.of("../../etc/passwd"));
        assertEquals("class", Slugs.of(".."));
        assertEquals("class", Slugs.of("/"));
    }
}
