package sabre.apps.attack;

import sabre.nn.io.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes a UTF-8 text file atomically ({@link AtomicFiles}).
 *
 * <pre>{@code AtomicText.write(dir.resolve("samples.csv"), csv);}</pre>
 */
public final class AtomicText {
    private AtomicText() {
    }

    public static void write(Path file, CharSequence text) throws IOException {
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
    }
}
