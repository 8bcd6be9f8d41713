package sabre.augment;

import sabre.data.FloatImage;
import sabre.data.SampleRandom;
import sabre.tensor.Check;
import sabre.tensor.Generator;

/**
 * Random Erasing (Zhong et al. 2020) with the paper's defaults: with probability p = 0.5 erase one rectangle whose
 * area is a uniform fraction s ∈ [0.02, 0.4] of the image and whose aspect ratio r is uniform in [0.3, 1/0.3];
 * {@code h = round(√(s·H·W·r))}, {@code w = round(√(s·H·W/r))}; if it fits ({@code h < H}, {@code w < W}) its top-left
 * corner is uniform over the positions that keep it inside, else another (area, aspect) is drawn, up to 100 tries.
 * The erased pixels get independent uniform random values in [0, 1] (the paper's "random values", in pixel space)
 * or, with {@code randomValues = false}, the {@link Fill} (the reference code's mean fill).
 *
 * <pre>{@code SampleAugmentation re = RandomErasing.paperDefaults(Fill.constant(0.5f));}</pre>
 */
public final class RandomErasing implements SampleAugmentation {
    private final double p;
    private final double areaMin;
    private final double areaMax;
    private final double aspectMin;
    private final boolean randomValues;
    private final Fill fill;

    /** A rectangle: rows {@code [top, top + height)}, columns {@code [left, left + width)}. */
    public record Region(int top, int left, int height, int width) {
    }

    public RandomErasing(double p, double areaMin, double areaMax, double aspectMin, boolean randomValues,
                         Fill fill) {
        Check.arg(p >= 0 && p <= 1, "random erasing", "probability %s outside [0, 1]", p);
        Check.arg(areaMin > 0 && areaMin <= areaMax && areaMax < 1, "random erasing",
                "need 0 < area min <= area max < 1, found %s..%s", areaMin, areaMax);
        Check.arg(aspectMin > 0 && aspectMin <= 1, "random erasing", "aspect min %s outside (0, 1]", aspectMin);
        this.p = p;
        this.areaMin = areaMin;
        this.areaMax = areaMax;
        this.aspectMin = aspectMin;
        this.randomValues = randomValues;
        this.fill = fill;
    }

    /** p = 0.5, area 0.02–0.4, aspect 0.3–3.33, random values. */
    public static RandomErasing paperDefaults(Fill fill) {
        return new RandomErasing(0.5, 0.02, 0.4, 0.3, true, fill);
    }

    /** The erased rectangle of one draw, or null when the image is left alone (probability, or 100 misses). */
    public Region region(int height, int width, Generator random) {
        if (SampleRandom.uniform(random) >= p) {
            return null;
        }
        double area = (double) height * width;
        for (int attempt = 0; attempt < 100; attempt++) {
            double target = (areaMin + (areaMax - areaMin) * SampleRandom.uniform(random)) * area;
            double aspect = aspectMin + (1 / aspectMin - aspectMin) * SampleRandom.uniform(random);
            int h = (int) Math.round(Math.sqrt(target * aspect));
            int w = (int) Math.round(Math.sqrt(target / aspect));
            if (h < height && w < width) {
                int top = SampleRandom.below(random, height - h + 1);
                int left = SampleRandom.below(random, width - w + 1);
                return new Region(top, left, h, w);
            }
        }
        return null;
    }

    @Override
    public FloatImage apply(FloatImage image, int index, int epoch, int epochs, Generator random) {
        Region r = region(image.height(), image.width(), random);
        if (r == null) {
            return image;
        }
        float[] out = image.data().clone();
        for (int c = 0; c < image.channels(); c++) {
            for (int y = r.top(); y < r.top() + r.height(); y++) {
                for (int x = r.left(); x < r.left() + r.width(); x++) {
                    out[(c * image.height() + y) * image.width() + x] = randomValues
                            ? (float) SampleRandom.uniform(random) : fill.value(c, image.channels());
                }
            }
        }
        return new FloatImage(image.channels(), image.height(), image.width(), out);
    }
}
