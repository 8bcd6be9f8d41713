package sabre.attacks.sparse;

import sabre.attacks.SampleSeeds;
import sabre.tensor.Check;
import sabre.tensor.Generator;
import sabre.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * The ablation "Dense + Random": keep a uniformly random subset of each image's entries of the dense δ, of a given
 * size per image (the L0 the full method reached), drawn from the image's own seeded generator.
 *
 * <pre>{@code Tensor m = RandomMask.draw(seed, images, counts, false); Tensor adv = images.add(dense.mul(m));}</pre>
 */
public final class RandomMask {
    private RandomMask() {
    }

    /**
     * A 0/1 mask like {@code images} with {@code counts[n]} ones in image n — whole pixels (all channels) when
     * {@code pixels}, single elements otherwise.
     */
    public static Tensor draw(long seed, Tensor images, int[] counts, boolean pixels) {
        int[] s = images.shape();
        Check.arg(counts.length == s[0], "random mask", "%d counts for %d images", counts.length, s[0]);
        int per = pixels ? s[2] * s[3] : s[1] * s[2] * s[3];
        List<Tensor> masks = new ArrayList<>();
        for (int n = 0; n < s[0]; n++) {
            Check.arg(counts[n] >= 0 && counts[n] <= per, "random mask", "image %d: %d entries asked of %d", n,
                    counts[n], per);
            Generator g = SampleSeeds.forImage(seed, images, n);
            int[] order = Tensor.randperm(g, per).toIntArray();
            float[] m = new float[per];
            for (int i = 0; i < counts[n]; i++) {
                m[order[i]] = 1;
            }
            Tensor one = pixels ? Tensor.of(m, 1, s[2], s[3]).expand(s[1], s[2], s[3]) : Tensor.of(m, s[1], s[2], s[3]);
            masks.add(one);
        }
        return Tensor.stack(masks, 0).to(images.dtype()).to(images.device());
    }
}
