package sabre.augment;

import sabre.data.FloatImage;
import sabre.tensor.Check;
import sabre.tensor.Generator;

import java.util.function.IntUnaryOperator;

/**
 * Where AdvMask's points come from for one image (interleaved row, column pairs in the image's own coordinates):
 * the precomputed sensitive points of a {@link PointSet}, uniformly random pixels (the Random+Mask ablation) or
 * Harris corners (the Corner+Mask ablation, {@link HarrisCorners}).
 *
 * <pre>{@code PointSource s = PointSource.of(PointSet.read(file)); int[] rc = s.points(image, 17, g);}</pre>
 */
@FunctionalInterface
public interface PointSource {
    /** The points of sample {@code index} (whose pixels are {@code image}). */
    int[] points(FloatImage image, int index, Generator random);

    /** The precomputed points of {@code set}; the image size and the index range are checked. */
    static PointSource of(PointSet set) {
        return (image, index, random) -> {
            Check.arg(image.height() == set.height() && image.width() == set.width(), "advmask",
                    "points were computed on %d×%d images but sample %d is %d×%d", set.height(), set.width(), index,
                    image.height(), image.width());
            Check.arg(index < set.size(), "advmask", "sample %d has no points: the points file covers %d images "
                    + "(generate it over the same training set)", index, set.size());
            return set.points(index);
        };
    }

    /**
     * {@code source} computed once per sample index and remembered (for deterministic sources such as Harris
     * corners of the un-augmented image; thread-safe).
     */
    static PointSource cachedByIndex(PointSource source) {
        java.util.Map<Integer, int[]> cache = new java.util.concurrent.ConcurrentHashMap<>();
        return (image, index, random) -> cache.computeIfAbsent(index, i -> source.points(image, i, random)).clone();
    }

    /** {@code count(index)} distinct uniformly random pixels, drawn afresh on every call. */
    static PointSource random(IntUnaryOperator count) {
        return (image, index, random) -> {
            int n = image.height() * image.width();
            int k = Math.min(n, count.applyAsInt(index));
            int[] perm = RegionExpansion.permutation(n, random);
            int[] out = new int[2 * k];
            for (int i = 0; i < k; i++) {
                out[2 * i] = perm[i] / image.width();
                out[2 * i + 1] = perm[i] % image.width();
            }
            return out;
        };
    }
}
