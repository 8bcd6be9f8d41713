package sabre.augment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import sabre.data.FloatImage;
import sabre.data.SampleRandom;
import sabre.tensor.Generator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cutout, Random Erasing, Hide-and-Seek and GridMask against their reference definitions on small images. */
class BaselineAugmentationsTest {
    private static FloatImage ramp(int c, int h, int w) {
        float[] d = new float[c * h * w];
        for (int i = 0; i < d.length; i++) {
            d[i] = (i % 97) / 97f;
        }
        return new FloatImage(c, h, w, d);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void cutoutIsTheClippedSquareAroundTheDrawnCentre(int channels) {
        Fill fill = new Fill(channels == 1 ? new float[] {-1} : new float[] {-1, -2, -3});
        Cutout cutout = new Cutout(16, 1, fill);
        boolean sawClipped = false;
        boolean sawFull = false;
        for (int seed = 0; seed < 300; seed++) {
            Generator twin = new Generator(seed);
            int cy = SampleRandom.below(twin, 32);
            int cx = SampleRandom.below(twin, 32);
            FloatImage in = ramp(channels, 32, 32);
            FloatImage out = cutout.apply(in, 0, 0, 1, new Generator(seed));
            int rows = Math.min(32, cy + 8) - Math.max(0, cy - 8);
            int cols = Math.min(32, cx + 8) - Math.max(0, cx - 8);
            sawClipped |= rows * cols < 256;
            sawFull |= rows * cols == 256;
            for (int c = 0; c < channels; c++) {
                for (int y = 0; y < 32; y++) {
                    for (int x = 0; x < 32; x++) {
                        boolean inside = y >= cy - 8 && y < cy + 8 && x >= cx - 8 && x < cx + 8;
                        assertEquals(inside ? -(c + 1) : in.at(c, y, x), out.at(c, y, x), 0,
                                "seed " + seed + " at " + c + "," + y + "," + x);
                    }
                }
            }
        }
        assertTrue(sawClipped && sawFull, "300 draws cover both interior and border holes");
    }

    @Test
    void cutoutDefaultsScaleTheCifarHole() {
        assertEquals(16, Cutout.defaultSize(32));
        assertEquals(14, Cutout.defaultSize(28));
    }

    @Test
    void randomErasingRectanglesRespectTheAreaAndAspectBounds() {
        RandomErasing re = RandomErasing.paperDefaults(Fill.constant(0));
        int erased = 0;
        int n = 2000;
        for (int seed = 0; seed < n; seed++) {
            RandomErasing.Region r = re.region(32, 32, new Generator(seed));
            if (r == null) {
                continue;
            }
            erased++;
            double h = r.height();
            double w = r.width();
            // h = round(sqrt(S r)), w = round(sqrt(S / r)) with S/(H W) in [0.02, 0.4] and r in [0.3, 1/0.3]
            assertTrue((h - 0.5) * (w - 0.5) <= 0.4 * 1024 + 1e-9, "area too large: " + r);
            assertTrue((h + 0.5) * (w + 0.5) >= 0.02 * 1024 - 1e-9, "area too small: " + r);
            assertTrue((h + 0.5) / (w - 0.5) >= 0.3 - 1e-9 && (h - 0.5) / (w + 0.5) <= 1 / 0.3 + 1e-9,
                    "aspect out of range: " + r);
            assertTrue(r.top() >= 0 && r.left() >= 0 && r.top() + h <= 32 && r.left() + w <= 32, "outside: " + r);
            assertTrue(h < 32 && w < 32, "must be smaller than the image: " + r);
        }
        assertEquals(0.5, erased / (double) n, 0.04, "erasing probability p = 0.5");
    }

    @Test
    void randomErasingFillsTheRectangleWithRandomValuesOnly() {
        RandomErasing re = new RandomErasing(1, 0.1, 0.1, 1, true, Fill.constant(0));
        FloatImage in = new FloatImage(3, 16, 16, new float[3 * 256]);
        for (int seed = 0; seed < 20; seed++) {
            RandomErasing.Region r = re.region(16, 16, new Generator(seed));
            assertNotNull(r);
            FloatImage out = re.apply(in, 0, 0, 1, new Generator(seed));
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 16; y++) {
                    for (int x = 0; x < 16; x++) {
                        boolean inside = y >= r.top() && y < r.top() + r.height() && x >= r.left()
                                && x < r.left() + r.width();
                        float v = out.at(c, y, x);
                        assertTrue(inside ? v > 0 && v < 1 : v == 0, "seed " + seed + " " + c + "," + y + "," + x);
                    }
                }
            }
        }
    }

    @Test
    void hideAndSeekHidesWholeGridCellsWithProbabilityHalf() {
        int[] sizes = {0, 4, 7, 14};
        HideAndSeek has = new HideAndSeek(sizes, 0.5, Fill.constant(0));
        long cells = 0;
        long hidden = 0;
        int none = 0;
        for (int seed = 0; seed < 400; seed++) {
            boolean[] m = has.mask(28, 28, new Generator(seed));
            int grid = sizes[SampleRandom.below(new Generator(seed), sizes.length)];
            if (grid == 0) {
                none++;
                for (boolean b : m) {
                    assertFalse(b, "grid size 0 hides nothing");
                }
                continue;
            }
            for (int y0 = 0; y0 < 28; y0 += grid) {
                for (int x0 = 0; x0 < 28; x0 += grid) {
                    boolean first = m[y0 * 28 + x0];
                    for (int y = y0; y < Math.min(28, y0 + grid); y++) {
                        for (int x = x0; x < Math.min(28, x0 + grid); x++) {
                            assertEquals(first, m[y * 28 + x], "cell at " + y0 + "," + x0 + " split, grid " + grid);
                        }
                    }
                    cells++;
                    hidden += first ? 1 : 0;
                }
            }
        }
        assertEquals(0.5, hidden / (double) cells, 0.03, "hide probability");
        assertEquals(0.25, none / 400.0, 0.06, "grid size drawn uniformly from 4 sizes");
    }

    @Test
    void gridMaskDropsOneSquareOfSideDMinusKeepPerUnit() {
        for (int d : new int[] {6, 10, 13}) {
            int keep = (int) Math.ceil(d * 0.4);
            boolean[] m = GridMask.grid(32, 32, d, keep, 3, 5, 0);
            for (int y = 0; y + d < 32; y++) {
                for (int x = 0; x + d < 32; x++) {
                    assertEquals(m[y * 32 + x], m[(y + d) * 32 + x], "period d down, d=" + d);
                    assertEquals(m[y * 32 + x], m[y * 32 + x + d], "period d across, d=" + d);
                }
            }
            for (int y0 = 0; y0 + d <= 32; y0 += 4) {
                int count = 0;
                for (int y = y0; y < y0 + d; y++) {
                    for (int x = 0; x < d; x++) {
                        count += m[y * 32 + x] ? 1 : 0;
                    }
                }
                assertEquals((d - keep) * (d - keep), count, "dropped per d×d unit, d=" + d);
            }
        }
    }

    @Test
    void gridMaskRotationKeepsTheDroppedFraction() {
        boolean[] straight = GridMask.grid(64, 64, 16, 7, 0, 0, 0);
        boolean[] turned = GridMask.grid(64, 64, 16, 7, 0, 0, 30);
        double expected = 81 / 256.0;
        assertEquals(expected, fraction(straight), 0.02);
        assertEquals(expected, fraction(turned), 0.04);
        assertFalse(java.util.Arrays.equals(straight, turned), "a 30° rotation changes the mask");
    }

    @Test
    void gridMaskProbabilityRampsToItsMaximum() {
        GridMask g = GridMask.defaults(32, Fill.constant(0));
        assertEquals(0.08, g.probability(0, 10), 1e-12);
        assertEquals(0.8, g.probability(9, 10), 1e-12);
        int applied = 0;
        FloatImage in = ramp(1, 32, 32);
        for (int seed = 0; seed < 1000; seed++) {
            applied += g.apply(in, 0, 4, 10, new Generator(seed)) != in ? 1 : 0;
        }
        assertEquals(0.4, applied / 1000.0, 0.05, "probability 0.8 * 5/10 in epoch 4 of 10");
    }

    @Test
    void sameSeedSameMasksOtherEpochOtherMasks() {
        Augmentations.Options o = Augmentations.options(11, 28, 28, Fill.constant(0.3f));
        sabre.tensor.Tensor x = sabre.tensor.Tensor.of(ramp(4, 28, 28).data(), 4, 1, 28, 28);
        int[] idx = {5, 9, 2, 40};
        for (String name : new String[] {"cutout", "erasing", "hideandseek", "gridmask", "crop-flip"}) {
            float[] a = Augmentations.create(name, o).apply(x, idx, 3, 10).toFloatArray();
            float[] b = Augmentations.create(name, o).apply(x, idx, 3, 10).toFloatArray();
            assertArrayEquals(a, b, name + ": same seed, same result");
            float[] c = Augmentations.create(name, o).apply(x, idx, 4, 10).toFloatArray();
            assertFalse(java.util.Arrays.equals(a, c), name + ": another epoch, other draws");
            // a sample's result does not depend on its batch neighbours
            float[] alone = Augmentations.create(name, o).apply(x.narrow(0, 1, 1), new int[] {9}, 3, 10)
                    .toFloatArray();
            assertArrayEquals(java.util.Arrays.copyOfRange(a, 784, 2 * 784), alone, name + ": batch independent");
        }
    }

    private static double fraction(boolean[] m) {
        int n = 0;
        for (boolean b : m) {
            n += b ? 1 : 0;
        }
        return n / (double) m.length;
    }
}
