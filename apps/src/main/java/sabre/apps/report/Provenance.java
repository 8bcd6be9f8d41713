package sabre.apps.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import sabre.nn.io.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where a run came from, written as {@code provenance.json}: the data, the transforms, the model and its config,
 * every hyperparameter, the seed, the git commit of the code, the Java runtime and the backend.
 *
 * <pre>{@code Provenance.write(dir.resolve("provenance.json"), Map.of("config", cfg.asMap()));}</pre>
 */
public final class Provenance {
    private Provenance() {
    }

    /** Writes {@code sections} plus the environment (commit, Java, OS, time) as pretty JSON, atomically. */
    public static void write(Path file, Map<String, Object> sections) throws IOException {
        Map<String, Object> all = new LinkedHashMap<>(sections);
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("git_commit", gitCommit());
        env.put("java", System.getProperty("java.version"));
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        env.put("cores", Runtime.getRuntime().availableProcessors());
        env.put("created", Instant.now().toString());
        all.put("environment", env);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        AtomicFiles.write(file, out -> json.writeValue(out, all)); // a kill never leaves half a file
    }

    /** Writes {@code all}, a provenance read with {@link #read} and changed, back to {@code file} atomically. */
    public static void rewrite(Path file, Map<String, Object> all) throws IOException {
        byte[] bytes = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(all);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    /** Reads a provenance file back as nested maps; malformed JSON raises {@link sabre.nn.io.FormatException}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new IOException(file + ": no provenance.json (is this a sabre run directory?)");
        }
        return RunJson.read(file, Map.class);
    }

    /** The commit of the working tree the JVM runs in, "-dirty" when it has changes, or "unknown" without git. */
    static String gitCommit() {
        try {
            String head = run("git", "rev-parse", "HEAD");
            String status = run("git", "status", "--porcelain", "--untracked-files=no");
            return head.isEmpty() ? "unknown" : head + (status.isEmpty() ? "" : "-dirty");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? text : "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
