package sabre.apps.attack;

import sabre.apps.report.JobJournal;
import sabre.attacks.AttackResult;
import sabre.nn.io.AtomicFiles;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Crash safety of an attack job: every finished batch's results (all radii) are written to {@code OUT/journal/}
 * ({@link JobJournal}, one {@link BatchResults} file per batch, atomically) before the next batch starts. Run again
 * with the same settings after a kill, the job reads the finished batches back instead of attacking them, so it loses
 * at most the batch in flight, and its per-image results equal an uninterrupted run's bit for bit (an image's random
 * choices come from its own pixels and the seed, {@link sabre.attacks.SampleSeeds}). Other settings are refused,
 * naming each difference. The journal is deleted once the job's files are written.
 *
 * <pre>{@code AttackJournal j = AttackJournal.open(out, request, inputs, identity, "sabre attack", System.err);
 * List<AttackResult> r = AttackJob.run(f, inputs, request, j::around, System.err); ...; j.delete();}</pre>
 */
public final class AttackJournal {
    /** The journal's folder inside a job's output directory. */
    public static final String FOLDER = "journal";

    private final Path out;
    private final JobJournal journal;
    private final int batch;
    private final int outputs;

    private AttackJournal(Path out, JobJournal journal, int batch, int outputs) {
        this.out = out;
        this.journal = journal;
        this.batch = batch;
        this.outputs = outputs;
    }

    /**
     * Opens the journal of {@code request} on {@code in} in {@code out/journal}. {@code settings} identifies the job
     * (method, options, radii, targeting, seed, model and image fingerprints); the batch size and the device are
     * added, since a batch's file and bits depend on them.
     */
    public static AttackJournal open(Path out, AttackRequest request, Inputs in, Map<String, Object> settings,
                                     String command, PrintStream log) throws IOException {
        Map<String, Object> all = new LinkedHashMap<>(settings);
        all.put("batch", request.batch());
        all.put("device", in.images().device().toString());
        JobJournal journal = JobJournal.open(out.resolve(FOLDER), all, command);
        int batches = (in.size() + request.batch() - 1) / request.batch();
        int done = journal.finished(batches);
        if (done > 0) {
            log.printf("%s: resuming, %d of %d batches already finished in %s%n", command, done, batches,
                    journal.dir());
        }
        return new AttackJournal(out, journal, request.batch(), request.radii().size());
    }

    /** The settings of {@code request} that determine its results: its own settings and every radius. */
    public static Map<String, Object> settings(AttackRequest request) {
        Map<String, Object> m = new LinkedHashMap<>(request.settings());
        m.put("eps", request.radii().stream().map(Eps::text).toList());
        return m;
    }

    /** {@code step}, reading finished batches from the journal and journaling each batch it attacks. */
    public Batches.Step around(Batches.Step step) {
        return (start, images, labels) -> {
            if (start % batch != 0) {
                throw new IllegalStateException("batch at image " + start + " is not a multiple of " + batch);
            }
            int b = start / batch;
            try {
                if (journal.has(b)) {
                    return BatchResults.read(journal.batch(b), outputs, images.shape(0), images.device());
                }
                List<AttackResult> results = step.run(start, images, labels);
                BatchResults.write(journal.batch(b), results);
                return results;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    /**
     * Deletes the journal once the job's own files are written, and the temporary files that killed attempts left
     * in the output folder and its result folders.
     */
    public void delete() throws IOException {
        journal.delete();
        try (Stream<Path> files = Files.list(out)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isDirectory(f)) {
                    AtomicFiles.deleteLeftovers(f);
                }
            }
        }
        AtomicFiles.deleteLeftovers(out);
    }

    /** Deletes a journal left in {@code out} by a job killed after it had written its files, if there is one. */
    public static void deleteIfExists(Path out) throws IOException {
        JobJournal.deleteIfExists(out.resolve(FOLDER));
    }
}
