package sabre.apps.serve;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.safety.Safelist;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One popular-science article per class, in Markdown: {@code CONTENT/<slug>.md} where the slug is the class name's
 * {@link Slugs slug} ({@code ankle-boot.md}); a class without one falls back to the built-in article of that slug
 * (the ten Fashion-MNIST classes ship with one), else to a short placeholder. Markdown is rendered by commonmark
 * (raw HTML escaped, unsafe URLs dropped), and the HTML is then cleaned by jsoup against its "relaxed" allow-list,
 * so an article can never carry a script. Only slugs of the served classes are looked up, and a file whose real
 * path leaves the content folder (a symbolic link) is refused.
 *
 * <pre>{@code Optional<Articles.Article> a = new Articles(Path.of("content/flowers"), classes).article("rose");}</pre>
 */
public final class Articles {
    private static final String BUILT_IN = "sabre/apps/serve/articles/";
    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private final Path content;
    private final List<String> classes;
    private final Parser parser = Parser.builder().build();
    private final HtmlRenderer renderer = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

    /** An article: its class, its slug, and its sanitised HTML. */
    public record Article(String className, String slug, String html) {
    }

    /** Articles for {@code classes} from {@code content} (null: built-in articles only). */
    public Articles(Path content, List<String> classes) {
        this.content = content == null ? null : content.toAbsolutePath().normalize();
        this.classes = List.copyOf(classes);
    }

    /** The served classes' names, in label order. */
    public List<String> classes() {
        return classes;
    }

    /** The article of the class whose slug is {@code slug}; empty for anything else. */
    public Optional<Article> article(String slug) throws IOException {
        if (slug == null || !SLUG.matcher(slug).matches()) {
            return Optional.empty();
        }
        for (String name : classes) {
            if (Slugs.of(name).equals(slug)) {
                return Optional.of(new Article(name, slug, render(markdown(name, slug))));
            }
        }
        return Optional.empty();
    }

    /** Markdown → HTML, then cleaned against the allow-list. */
    public String render(String markdown) {
        return Jsoup.clean(renderer.render(parser.parse(markdown)), Safelist.relaxed());
    }

    private String markdown(String name, String slug) throws IOException {
        if (content != null) {
            Path file = content.resolve(slug + ".md").normalize();
            if (file.startsWith(content) && Files.isRegularFile(file)) {
                if (!file.toRealPath().startsWith(content.toRealPath())) {
                    throw HttpError.forbidden("That article lies outside the content folder.");
                }
                return Files.readString(file, StandardCharsets.UTF_8);
            }
        }
        try (InputStream in = Articles.class.getClassLoader().getResourceAsStream(BUILT_IN + slug + ".md")) {
            if (in != null) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return "# " + name + "\n\nNo article about this class yet: add `" + slug + ".md` to the content folder "
                + "(`sabre serve --content DIR`).\n";
    }
}
