package sabre.augment;

import sabre.data.RandomCrop;
import sabre.data.RandomHorizontalFlip;
import sabre.data.SampleRandom;
import sabre.data.Transform;
import sabre.tensor.Check;
import sabre.tensor.Tensor;

import java.util.List;
import java.util.Locale;

/**
 * The augmentations {@code sabre train --augment} offers, assembled in the right order around the standard random
 * crop (zero padding 4) and horizontal flip. Training images stay in pixel space ([0, 1]); normalisation is part of
 * the model, so it comes after every stage here, and a fill with the data-set mean equals the reference codes' zero
 * in normalised space.
 *
 * <ul>
 *   <li>{@code none}: the images as they are. {@code crop-flip}: crop, then flip (the default).</li>
 *   <li>{@code cutout}, {@code erasing}, {@code hideandseek}, {@code gridmask}: crop, flip, then the mask — the
 *       order of their reference pipelines (the mask is position-free, so it does not matter that it comes
 *       after).</li>
 *   <li>{@code advmask}, {@code adv} (sensitive pixels only), {@code random-mask} (random points + regions),
 *       {@code corner-mask} (Harris corners + regions): the mask first, on the image as the data set holds it (the
 *       points' coordinates), then crop and flip, which move the dropped regions together with the content.</li>
 *   <li>{@code advmask} with {@code released}: the authors' code: crop, the mask at the points' raw coordinates
 *       (so it is off by the crop's shift), then one flip decision for the whole batch.</li>
 * </ul>
 *
 * <pre>{@code BatchAugmentation a = Augmentations.create("advmask", Augmentations.options(1, train).points(p));}</pre>
 */
public final class Augmentations {
    /** Every name {@link #create} accepts. */
    public static final List<String> NAMES = List.of("none", "crop-flip", "cutout", "erasing", "hideandseek",
            "gridmask", "advmask", "adv", "random-mask", "corner-mask");

    static final int STAGE_MASK = 1;
    static final int STAGE_CROP_FLIP = 2;
    static final int STAGE_BATCH_FLIP = 3;
    /** Padding of the random crop. */
    public static final int CROP_PADDING = 4;
    /** AdvMask's final application probability. */
    public static final double ADVMASK_PROB = 0.8;

    private Augmentations() {
    }

    /**
     * What an augmentation needs: the seed, the image side, the fill (data-set mean), the sensitive points (null
     * when none were given) and whether AdvMask follows the released code (with its CIFAR-100 "no shuffle").
     */
    public record Options(long seed, int height, int width, Fill fill, PointSet points, boolean released,
                          boolean shufflePoints) {
        /** The same options with {@code value} as the points. */
        public Options points(PointSet value) {
            return new Options(seed, height, width, fill, value, released, shufflePoints);
        }

        /** The same options with the released-code switches. */
        public Options released(boolean value, boolean shuffle) {
            return new Options(seed, height, width, fill, points, value, shuffle);
        }
    }

    /** Options for images of {@code height×width} filled with {@code fill}: no points, faithful AdvMask. */
    public static Options options(long seed, int height, int width, Fill fill) {
        return new Options(seed, height, width, fill, null, false, true);
    }

    /** The augmentation called {@code name}; unknown names and missing points fail with the reason. */
    public static BatchAugmentation create(String name, Options o) {
        String n = name.toLowerCase(Locale.ROOT);
        int side = Math.min(o.height(), o.width());
        Transform crop = new RandomCrop(o.height(), o.width(), CROP_PADDING);
        BatchAugmentation cropFlip = BatchAugmentation.perSample(SampleAugmentation.of(
                Transform.compose(crop, new RandomHorizontalFlip(0.5))), o.seed(), STAGE_CROP_FLIP);
        return switch (n) {
            case "none" -> BatchAugmentation.none();
            case "crop-flip" -> cropFlip;
            case "cutout" -> cropFlip.then(mask(new Cutout(Cutout.defaultSize(side), 1, o.fill()), o));
            case "erasing" -> cropFlip.then(mask(RandomErasing.paperDefaults(o.fill()), o));
            case "hideandseek" -> cropFlip.then(mask(new HideAndSeek(HideAndSeek.defaultGridSizes(side), 0.5,
                    o.fill()), o));
            case "gridmask" -> cropFlip.then(mask(GridMask.defaults(side, o.fill()), o));
            case "advmask" -> o.released() ? released(o, side, crop) : mask(advMask(PointSource.of(points(n, o)),
                    AdvMask.Regions.expanded(RegionExpansion.faithful(side)), o), o).then(cropFlip);
            case "adv" -> mask(advMask(PointSource.of(points(n, o)), AdvMask.Regions.pointsOnly(), o), o)
                    .then(cropFlip);
            case "random-mask" -> {
                PointSet p = o.points();
                int fallback = (int) Math.round(0.05 * o.height() * o.width());
                yield mask(advMask(PointSource.random(i -> p != null ? p.count(i) : fallback),
                        AdvMask.Regions.expanded(RegionExpansion.faithful(side)), o), o).then(cropFlip);
            }
            case "corner-mask" -> mask(advMask(PointSource.cachedByIndex(new HarrisCorners(0.04, 0.01)),
                    AdvMask.Regions.expanded(RegionExpansion.faithful(side)), o), o).then(cropFlip);
            default -> throw new IllegalArgumentException("augment: unknown augmentation '" + name + "' ("
                    + String.join(", ", NAMES) + ")");
        };
    }

    /** Whether {@code name} reads the sensitive points (so {@code --advmask-points} is required). */
    public static boolean needsPoints(String name) {
        return List.of("advmask", "adv").contains(name.toLowerCase(Locale.ROOT));
    }

    private static BatchAugmentation released(Options o, int side, Transform crop) {
        BatchAugmentation perSampleCrop = BatchAugmentation.perSample(SampleAugmentation.of(crop), o.seed(),
                STAGE_CROP_FLIP);
        AdvMask m = advMask(PointSource.of(points("advmask", o)),
                AdvMask.Regions.expanded(RegionExpansion.released(side, o.shufflePoints())), o);
        BatchAugmentation batchFlip = (images, indices, epoch, epochs) -> indices.length > 0
                && SampleRandom.uniform(AugmentSeeds.generator(o.seed(), STAGE_BATCH_FLIP, epoch, indices[0])) < 0.5
                ? mirror(images) : images;
        return perSampleCrop.then(mask(m, o)).then(batchFlip);
    }

    /** Every image of the batch mirrored left–right. */
    private static Tensor mirror(Tensor images) {
        int w = images.shape(3);
        int[] reversed = new int[w];
        for (int x = 0; x < w; x++) {
            reversed[x] = w - 1 - x;
        }
        return images.indexSelect(3, Tensor.ofInts(reversed, w).to(images.device()));
    }

    private static AdvMask advMask(PointSource source, AdvMask.Regions regions, Options o) {
        return new AdvMask(source, regions, ADVMASK_PROB, o.fill());
    }

    private static BatchAugmentation mask(SampleAugmentation a, Options o) {
        return BatchAugmentation.perSample(a, o.seed(), STAGE_MASK);
    }

    private static PointSet points(String name, Options o) {
        Check.arg(o.points() != null, "augment", "'%s' needs the sensitive points: pass --advmask-points FILE "
                + "(made by sabre advmask generate)", name);
        return o.points();
    }
}
