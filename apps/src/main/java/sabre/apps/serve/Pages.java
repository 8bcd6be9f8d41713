package sabre.apps.serve;

import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import java.util.Locale;
import java.util.Map;

/**
 * Renders the app's pages from Thymeleaf templates in {@code sabre/apps/serve/templates} (text escaped unless a
 * template says otherwise, which only the sanitised article body does).
 *
 * <pre>{@code String html = new Pages().render("index", Map.of("csrf", token));}</pre>
 */
public final class Pages {
    private final TemplateEngine engine = new TemplateEngine();

    public Pages() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(Pages.class.getClassLoader());
        resolver.setPrefix("sabre/apps/serve/templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        engine.setTemplateResolver(resolver);
    }

    /** The page {@code template} with {@code variables}. */
    public String render(String template, Map<String, ?> variables) {
        return engine.process(template, new Context(Locale.ENGLISH, Map.copyOf(variables)));
    }
}
