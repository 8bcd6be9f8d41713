package sabre.apps.serve;

import java.util.Locale;

/**
 * File-system- and URL-safe names for classes: lower case, every run of characters other than {@code a-z0-9}
 * becomes one {@code -}, none at the ends ({@code "T-shirt/top"} → {@code t-shirt-top}, {@code "../x"} →
 * {@code x}). The result can never be {@code .}, {@code ..} or contain a separator, so it cannot leave a folder.
 *
 * <pre>{@code Path article = content.resolve(Slugs.of("Ankle boot") + ".md"); // ankle-boot.md}</pre>
 */
public final class Slugs {
    private Slugs() {
    }

    /** The slug of {@code name}; {@code class} when nothing is left. */
    public static String of(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return s.isEmpty() ? "class" : s;
    }
}
