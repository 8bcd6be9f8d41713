package sabre.apps.train;

import sabre.apps.report.Provenance;
import sabre.apps.report.RunJson;
import sabre.augment.Augmentations;
import sabre.augment.BatchAugmentation;
import sabre.augment.Fill;
import sabre.augment.PointSet;
import sabre.data.ImageDataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The augmentation a training run uses ({@code --augment NAME}, {@code --advmask-points FILE},
 * {@code --advmask-released}), recorded in the run directory's {@code augment.json} and checked on resume.
 *
 * <pre>{@code BatchAugmentation a = new AugmentationSpec("cutout", null, false).build(train, 1, "fashion-mnist");}</pre>
 */
public record AugmentationSpec(String name, Path points, boolean released) {
    public AugmentationSpec {
        if (!Augmentations.NAMES.contains(name)) {
            throw new IllegalArgumentException("train: unknown augmentation '" + name + "' ("
                    + String.join(", ", Augmentations.NAMES) + ")");
        }
        if (released && !name.equals("advmask")) {
            throw new IllegalArgumentException("train: --advmask-released applies to --augment advmask only");
        }
    }

    /** The augmentation over {@code train} (fill = its per-channel mean), seeded by {@code seed}. */
    public BatchAugmentation build(ImageDataset train, long seed, String dataSpec) throws IOException {
        PointSet p = points == null ? null : PointSet.read(points);
        if (p != null && p.size() != train.size()) {
            throw new IllegalArgumentException("train: " + points + " holds points for " + p.size()
                    + " images but the training set has " + train.size() + " (use the same --data and --limit-train)");
        }
        // the released code's CIFAR-100 variant does not shuffle the points
        boolean shuffle = !dataSpec.startsWith("cifar100");
        Augmentations.Options o = Augmentations.options(seed, train.height(), train.width(), Fill.datasetMean(train))
                .points(p).released(released, shuffle);
        return Augmentations.create(name, o);
    }

    /**
     * The augmentation of the run in {@code dir}, from its {@code augment.json} (a run written before that file
     * existed: crop + flip or none, as {@code cfg} says).
     */
    public static AugmentationSpec read(Path dir, TrainConfig cfg) throws IOException {
        Path file = dir.resolve("augment.json");
        if (!Files.exists(file)) {
            return new AugmentationSpec(cfg.augment() ? "crop-flip" : "none", null, false);
        }
        Map<?, ?> section = RunJson.object(Provenance.read(file), "augment", file);
        String points = RunJson.string(section, "augment.points", file);
        return new AugmentationSpec(RunJson.string(section, "augment.name", file),
                points.isEmpty() ? null : Path.of(points), Boolean.TRUE.equals(section.get("released")));
    }

    /** Writes {@code augment.json} into {@code dir}, or on resume checks that it names this augmentation. */
    public void record(Path dir, boolean resume) throws IOException {
        Path file = dir.resolve("augment.json");
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("name", name);
        section.put("points", points == null ? "" : points.toAbsolutePath().toString());
        section.put("released", released);
        if (resume && Files.exists(file)) {
            Object before = Provenance.read(file).get("augment");
            if (!String.valueOf(section).equals(String.valueOf(before))) {
                throw new IllegalArgumentException("train --resume: the run used augmentation " + before
                        + " but this command asks for " + section);
            }
            return;
        }
        Provenance.write(file, Map.of("augment", section));
    }
}
