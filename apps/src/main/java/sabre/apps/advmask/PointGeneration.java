package sabre.apps.advmask;

import sabre.apps.report.Histogram;
import sabre.apps.report.JobJournal;
import sabre.apps.report.ProgressBar;
import sabre.apps.report.Provenance;
import sabre.attacks.Classifier;
import sabre.augment.PointSet;
import sabre.augment.SensitivePixels;
import sabre.data.ImageDataset;
import sabre.nn.io.AtomicFiles;
import sabre.tensor.Device;
import sabre.tensor.Tensor;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code sabre advmask generate}: the sensitive-pixel search over a whole training set in batches, resumable.
 *
 * <p>Every finished batch is written atomically to {@code OUT.parts/batch-NNNNNN.safetensors} (a {@link JobJournal})
 * before the next starts; a restarted run skips the batches it finds there (after checking
 * {@code OUT.parts/settings.json} names the same model, data and settings), so a kill loses at most the batch in
 * flight. The search is a function of each image's pixels and the seed alone (per-image generators), so resumed and
 * uninterrupted runs give the same points.
 * At the end the parts are merged into {@code OUT} (one {@link PointSet} safetensors file), a summary
 * {@code OUT.summary.json} (attack success, points per image, seconds per image) and a histogram
 * {@code OUT.histogram.png} are written, and the parts are deleted.
 *
 * <pre>{@code new PointGeneration(f, train, new SensitivePixels(100, 1), 100, settings, Device.CPU, out, log).run(-1);}</pre>
 */
public final class PointGeneration {
    private final Classifier model;
    private final ImageDataset train;
    private final SensitivePixels search;
    private final int batch;
    private final Map<String, Object> settings;
    private final Device device;
    private final Path out;
    private final PrintStream log;

    /** What a finished generation reports. */
    public record Summary(int images, int succeeded, double meanPoints, double secondsPerImage) {
    }

    /** @param settings everything that determines the points (model run, data, steps, seed), checked on resume */
    public PointGeneration(Classifier model, ImageDataset train, SensitivePixels search, int batch,
                           Map<String, Object> settings, Device device, Path out, PrintStream log) {
        if (batch < 1) {
            throw new IllegalArgumentException("advmask generate: batch must be positive, found " + batch);
        }
        this.model = model;
        this.train = train;
        this.search = search;
        this.batch = batch;
        this.settings = new LinkedHashMap<>(settings);
        this.settings.put("batch", batch);
        this.settings.put("images", train.size());
        this.device = device;
        this.out = out;
        this.log = log;
    }

    /** The folder of finished batches. */
    public Path partsDir() {
        return out.resolveSibling(out.getFileName() + ".parts");
    }

    /**
     * Runs the remaining batches; with {@code stopAfter >= 0} stops after that many new batches (as a kill would)
     * and returns null; otherwise merges and returns the summary.
     */
    public Summary run(int stopAfter) throws IOException {
        JobJournal parts = JobJournal.open(partsDir(), settings, "advmask generate");
        for (String suffix : List.of("", ".summary.json", ".histogram.png")) {
            AtomicFiles.deleteLeftoversOf(sibling(suffix)); // of a merge a kill interrupted
        }
        int batches = (train.size() + batch - 1) / batch;
        ProgressBar bar = new ProgressBar(log, "advmask generate", batches);
        int done = 0;
        int fresh = 0;
        long t0 = System.nanoTime();
        long searched = 0;
        for (int b = 0; b < batches; b++) {
            if (parts.has(b)) {
                done++;
                continue;
            }
            if (stopAfter >= 0 && fresh == stopAfter) {
                return null;
            }
            int from = b * batch;
            int n = Math.min(batch, train.size() - from);
            Tensor[] xy = load(from, n);
            SensitivePixels.Found found = search.find(model, xy[0], xy[1]);
            new PointSet(train.height(), train.width(), found.points(), found.success()).write(parts.batch(b),
                    Map.of("first", Integer.toString(from)));
            searched += n;
            fresh++;
            done++;
            bar.update(done, String.format(Locale.ROOT, "%.2f s/img", (System.nanoTime() - t0) / 1e9
                    / Math.max(1, searched)), searched);
        }
        bar.finish(done, "merging", searched);
        double secondsPerImage = searched == 0 ? Double.NaN : (System.nanoTime() - t0) / 1e9 / searched;
        return merge(parts, batches, secondsPerImage);
    }

    private Tensor[] load(int from, int n) {
        int per = train.channels() * train.height() * train.width();
        float[] x = new float[n * per];
        int[] y = new int[n];
        for (int k = 0; k < n; k++) {
            System.arraycopy(train.floatImage(from + k).data(), 0, x, k * per, per);
            y[k] = train.label(from + k);
        }
        return new Tensor[] {Tensor.of(x, n, train.channels(), train.height(), train.width()).to(device),
            Tensor.ofInts(y, n).to(device)};
    }

    private Summary merge(JobJournal parts, int batches, double secondsPerImage) throws IOException {
        List<int[]> points = new ArrayList<>(train.size());
        boolean[] success = new boolean[train.size()];
        int i = 0;
        for (int b = 0; b < batches; b++) {
            PointSet p = PointSet.read(parts.batch(b));
            for (int k = 0; k < p.size(); k++) {
                points.add(p.points(k));
                success[i++] = p.success(k);
            }
        }
        if (i != train.size()) {
            throw new IOException(partsDir() + ": the parts hold " + i + " images, expected " + train.size());
        }
        Map<String, String> meta = new LinkedHashMap<>();
        settings.forEach((k, v) -> meta.put(k, String.valueOf(v)));
        PointSet all = new PointSet(train.height(), train.width(), points, success);
        all.write(out, meta);
        int[] counts = new int[all.size()];
        int ok = 0;
        long total = 0;
        for (int k = 0; k < counts.length; k++) {
            counts[k] = all.count(k);
            ok += all.success(k) ? 1 : 0;
            total += counts[k];
        }
        Summary s = new Summary(all.size(), ok, total / (double) Math.max(1, all.size()), secondsPerImage);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("images", s.images());
        json.put("attack_success_rate", ok / (double) Math.max(1, all.size()));
        json.put("mean_points_per_image", s.meanPoints());
        int[] sorted = counts.clone();
        Arrays.sort(sorted);
        json.put("median_points_per_image", sorted.length == 0 ? 0 : sorted[sorted.length / 2]);
        json.put("max_points_per_image", sorted.length == 0 ? 0 : sorted[sorted.length - 1]);
        json.put("seconds_per_image_this_session", Double.isNaN(secondsPerImage) ? "n/a" : secondsPerImage);
        json.put("settings", settings);
        Provenance.write(sibling(".summary.json"), Map.of("summary", json));
        new Histogram("sensitive pixels per image", "pixels", "images", counts, 30).write(sibling(".histogram.png"));
        parts.delete();
        return s;
    }

    private Path sibling(String suffix) {
        return out.resolveSibling(out.getFileName() + suffix);
    }
}
