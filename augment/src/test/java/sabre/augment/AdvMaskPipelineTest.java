package sabre.augment;

import org.junit.jupiter.api.Test;
import sabre.data.FloatImage;
import sabre.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AdvMask's regions land on the sensitive pixels of the content even after the random crop and flip move it. */
class AdvMaskPipelineTest {
    private static final int S = 32;
    private static final float DROPPED = -1;

    /** Pixel (y, x) holds a unique positive value, so every output pixel tells where it came from. */
    private static float[] codedImage() {
        float[] d = new float[S * S];
        for (int p = 0; p < d.length; p++) {
            d[p] = (p + 1) / 2048f;
        }
        return d;
    }

    private static PointSet points(int images) {
        java.util.Random r = new java.util.Random(4);
        List<int[]> per = new ArrayList<>();
        for (int i = 0; i < images; i++) {
            int[] p = new int[2 * 30];
            for (int k = 0; k < p.length; k++) {
                p[k] = r.nextInt(S);
            }
            per.add(p);
        }
        return new PointSet(S, S, per, new boolean[images]);
    }

    @Test
    void dropRegionsFollowTheCropAndFlip() {
        PointSet pts = points(8);
        Augmentations.Options o = Augmentations.options(21, S, S, Fill.constant(DROPPED)).points(pts);
        BatchAugmentation pipeline = Augmentations.create("advmask", o);
        AdvMask alone = new AdvMask(PointSource.of(pts), AdvMask.Regions.expanded(RegionExpansion.faithful(S)),
                Augmentations.ADVMASK_PROB, Fill.constant(DROPPED));
        float[] raw = codedImage();
        int[] indices = {0, 1, 2, 3, 4, 5, 6, 7};
        float[] batch = new float[indices.length * S * S];
        for (int k = 0; k < indices.length; k++) {
            System.arraycopy(raw, 0, batch, k * S * S, S * S);
        }
        int masked = 0;
        int shifted = 0;
        for (int epoch = 0; epoch < 6; epoch++) {
            float[] out = pipeline.apply(Tensor.of(batch, indices.length, 1, S, S), indices, epoch, 6)
                    .toFloatArray();
            for (int k = 0; k < indices.length; k++) {
                float[] expected = alone.apply(new FloatImage(1, S, S, raw), indices[k], epoch, 6,
                        AugmentSeeds.generator(21, Augmentations.STAGE_MASK, epoch, indices[k])).data();
                float[] o1 = java.util.Arrays.copyOfRange(out, k * S * S, (k + 1) * S * S);
                int[] geometry = recoverCropFlip(o1);
                shifted += geometry[0] != 0 || geometry[1] != 0 ? 1 : 0;
                boolean anyDropped = false;
                for (int y = 0; y < S; y++) {
                    for (int x = 0; x < S; x++) {
                        int sy = y + geometry[0];
                        int sx = (geometry[2] == 1 ? S - 1 - x : x) + geometry[1];
                        float want = sy < 0 || sx < 0 || sy >= S || sx >= S ? 0 : expected[sy * S + sx];
                        assertEquals(want, o1[y * S + x], 0, "epoch " + epoch + " sample " + k + " at " + y + ","
                                + x + " (crop " + geometry[0] + "," + geometry[1] + " flip " + geometry[2] + ")");
                        anyDropped |= o1[y * S + x] == DROPPED;
                    }
                }
                masked += anyDropped ? 1 : 0;
            }
        }
        assertTrue(masked > 5 && shifted > 5, "the check saw masked and shifted samples: " + masked + ", " + shifted);
    }

    @Test
    void releasedModeMasksTheCroppedImageAtRawCoordinatesAndFlipsWholeBatches() {
        PointSet pts = points(8);
        Augmentations.Options o = Augmentations.options(21, S, S, Fill.constant(DROPPED)).points(pts)
                .released(true, true);
        BatchAugmentation pipeline = Augmentations.create("advmask", o);
        AdvMask alone = new AdvMask(PointSource.of(pts),
                AdvMask.Regions.expanded(RegionExpansion.released(S, true)), Augmentations.ADVMASK_PROB,
                Fill.constant(DROPPED));
        float[] raw = codedImage();
        int[] indices = {0, 1, 2, 3, 4, 5, 6, 7};
        float[] batch = new float[indices.length * S * S];
        for (int k = 0; k < indices.length; k++) {
            System.arraycopy(raw, 0, batch, k * S * S, S * S);
        }
        java.util.Set<Integer> flips = new java.util.HashSet<>();
        for (int epoch = 0; epoch < 6; epoch++) {
            float[] out = pipeline.apply(Tensor.of(batch, indices.length, 1, S, S), indices, epoch, 6)
                    .toFloatArray();
            java.util.Set<Integer> flipsThisBatch = new java.util.HashSet<>();
            for (int k = 0; k < indices.length; k++) {
                float[] o1 = java.util.Arrays.copyOfRange(out, k * S * S, (k + 1) * S * S);
                int[] g = recoverCropFlip(o1);
                flipsThisBatch.add(g[2]);
                float[] cropped = new float[S * S];
                for (int y = 0; y < S; y++) {
                    for (int x = 0; x < S; x++) {
                        int sy = y + g[0];
                        int sx = x + g[1];
                        cropped[y * S + x] = sy < 0 || sx < 0 || sy >= S || sx >= S ? 0 : raw[sy * S + sx];
                    }
                }
                float[] masked = alone.apply(new FloatImage(1, S, S, cropped), indices[k], epoch, 6,
                        AugmentSeeds.generator(21, Augmentations.STAGE_MASK, epoch, indices[k])).data();
                for (int y = 0; y < S; y++) {
                    for (int x = 0; x < S; x++) {
                        float want = masked[y * S + (g[2] == 1 ? S - 1 - x : x)];
                        assertEquals(want, o1[y * S + x], 0, "epoch " + epoch + " sample " + k + " at " + y + ","
                                + x);
                    }
                }
            }
            assertEquals(1, flipsThisBatch.size(), "one flip decision per batch");
            flips.addAll(flipsThisBatch);
        }
        assertEquals(2, flips.size(), "both flip outcomes occur over the epochs");
    }

    /** The crop offset (top, left) and flip that explain every coded pixel of {@code out}. */
    private static int[] recoverCropFlip(float[] out) {
        for (int flip = 0; flip < 2; flip++) {
            for (int top = -4; top <= 4; top++) {
                for (int left = -4; left <= 4; left++) {
                    if (explains(out, top, left, flip)) {
                        return new int[] {top, left, flip};
                    }
                }
            }
        }
        throw new AssertionError("no crop and flip explains the output");
    }

    private static boolean explains(float[] out, int top, int left, int flip) {
        for (int y = 0; y < S; y++) {
            for (int x = 0; x < S; x++) {
                float v = out[y * S + x];
                if (v > 0) {
                    int p = Math.round(v * 2048) - 1;
                    int sy = y + top;
                    int sx = (flip == 1 ? S - 1 - x : x) + left;
                    if (p != sy * S + sx) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    @Test
    void advMaskWithoutPointsOrWithTooFewFailsClearly() {
        Augmentations.Options o = Augmentations.options(1, S, S, Fill.constant(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Augmentations.create("advmask", o));
        assertTrue(e.getMessage().contains("--advmask-points"), e.getMessage());
        BatchAugmentation a = Augmentations.create("advmask", o.points(points(2)));
        Tensor x = Tensor.zeros(1, 1, S, S);
        IllegalArgumentException far = assertThrows(IllegalArgumentException.class,
                () -> a.apply(x, new int[] {5}, 9, 10));
        assertTrue(far.getMessage().contains("covers 2 images"), far.getMessage());
    }
}
