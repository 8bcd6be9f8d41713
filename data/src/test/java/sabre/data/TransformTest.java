package sabre.data;

import org.junit.jupiter.api.Test;
import sabre.tensor.DType;
import sabre.tensor.Device;
import sabre.tensor.Functional;
import sabre.tensor.Generator;
import sabre.tensor.Tensor;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransformTest {
    /** A c×h×w image holding 1, 2, 3, ... in CHW order (no zeros, so padding is recognisable). */
    private static FloatImage counting(int c, int h, int w) {
        float[] data = new float[c * h * w];
        for (int i = 0; i < data.length; i++) {
            data[i] = i + 1;
        }
        return new FloatImage(c, h, w, data);
    }

    @Test
    void normalizeSubtractsMeanAndDividesByStdPerChannel() {
        FloatImage image = new FloatImage(2, 1, 2, new float[] {0.5f, 1f, 0f, 0.25f});
        FloatImage out = new Normalize(new float[] {0.5f, 0.25f}, new float[] {0.5f, 0.25f}).apply(image, null);
        assertArrayEquals(new float[] {0f, 1f, -1f, 0f}, out.data());
        assertArrayEquals(new float[] {0.5f, 1f, 0f, 0.25f}, image.data(), "input untouched");
        assertThrows(IllegalArgumentException.class,
                () -> new Normalize(new float[] {0.5f}, new float[] {0.5f}).apply(image, null));
        assertThrows(IllegalArgumentException.class, () -> new Normalize(new float[] {0}, new float[] {0}));
        assertThrows(IllegalArgumentException.class, () -> new Normalize(new float[] {0, 0}, new float[] {1}));
    }

    @Test
    void randomCropWithPaddingIsAShiftFilledWithZeros() {
        FloatImage image = counting(2, 5, 5);
        RandomCrop crop = new RandomCrop(5, 5, 2);
        Set<String> shifts = new HashSet<>();
        for (long seed = 0; seed < 300; seed++) {
            FloatImage out = crop.apply(image, new Generator(seed));
            assertArrayEquals(new int[] {2, 5, 5}, new int[] {out.channels(), out.height(), out.width()});
            int[] shift = shiftOf(out);
            assertTrue(Math.abs(shift[0]) <= 2 && Math.abs(shift[1]) <= 2, "shift within the padding");
            for (int c = 0; c < 2; c++) {
                for (int y = 0; y < 5; y++) {
                    for (int x = 0; x < 5; x++) {
                        int sy = y + shift[0];
                        int sx = x + shift[1];
                        float expected = sy < 0 || sy >= 5 || sx < 0 || sx >= 5 ? 0 : image.at(c, sy, sx);
                        assertEquals(expected, out.at(c, y, x));
                    }
                }
            }
            shifts.add(shift[0] + "," + shift[1]);
        }
        assertEquals(25, shifts.size(), "every shift in [-2, 2]² occurs");
    }

    /** The (dy, dx) such that out(y, x) = in(y + dy, x + dx), read off any non-zero value of channel 0. */
    private static int[] shiftOf(FloatImage out) {
        for (int y = 0; y < out.height(); y++) {
            for (int x = 0; x < out.width(); x++) {
                float v = out.at(0, y, x);
                if (v != 0) {
                    int index = (int) v - 1;
                    return new int[] {index / out.width() - y, index % out.width() - x};
                }
            }
        }
        throw new AssertionError("crop is all padding");
    }

    @Test
    void randomCropWithoutPaddingStaysInside() {
        FloatImage image = counting(1, 6, 4);
        for (long seed = 0; seed < 50; seed++) {
            FloatImage out = new RandomCrop(3, 2, 0).apply(image, new Generator(seed));
            int top = ((int) out.at(0, 0, 0) - 1) / 4;
            int left = ((int) out.at(0, 0, 0) - 1) % 4;
            assertTrue(top >= 0 && top <= 3 && left >= 0 && left <= 2);
            assertEquals(image.at(0, top + 2, left + 1), out.at(0, 2, 1));
        }
        assertThrows(IllegalArgumentException.class, () -> new RandomCrop(9, 4, 1).apply(image, new Generator(0)));
    }

    @Test
    void horizontalFlipMirrorsWithProbabilityP() {
        FloatImage image = counting(2, 2, 3);
        FloatImage flipped = new RandomHorizontalFlip(1).apply(image, new Generator(0));
        assertArrayEquals(new float[] {3, 2, 1, 6, 5, 4, 9, 8, 7, 12, 11, 10}, flipped.data());
        assertEquals(image, new RandomHorizontalFlip(0).apply(image, new Generator(0)));
        int flips = 0;
        for (long seed = 0; seed < 1000; seed++) {
            if (new RandomHorizontalFlip(0.5).apply(image, new Generator(seed)) != image) {
                flips++;
            }
        }
        assertTrue(flips > 430 && flips < 570, "about half flipped: " + flips);
    }

    @Test
    void centerCropTakesTheMiddle() {
        FloatImage image = counting(1, 5, 6);
        FloatImage out = new CenterCrop(3, 3).apply(image, null);
        assertArrayEquals(new float[] {8, 9, 10, 14, 15, 16, 20, 21, 22}, out.data()); // rows 1..3, cols 1..3
        assertThrows(IllegalArgumentException.class, () -> new CenterCrop(6, 6).apply(image, null));
    }

    @Test
    void resizeMatchesFunctionalBilinear() {
        FloatImage image = counting(3, 5, 7);
        for (int[] size : new int[][] {{10, 14}, {3, 4}, {5, 7}, {1, 1}, {8, 3}}) {
            FloatImage out = new Resize(size[0], size[1]).apply(image, null);
            Tensor expected = Functional.upsampleBilinear(image.toTensor().unsqueeze(0), size[0], size[1], false);
            float[] e = expected.toFloatArray();
            for (int i = 0; i < e.length; i++) {
                assertEquals(e[i], out.data()[i], 1e-4, "size " + size[0] + "x" + size[1] + " value " + i);
            }
        }
    }

    @Test
    void composedTransformsDrawFromOneGeneratorInOrder() {
        FloatImage image = counting(1, 4, 4);
        Transform both = Transform.compose(new RandomCrop(4, 4, 1), new RandomHorizontalFlip(0.5));
        Generator g = new Generator(11);
        FloatImage manual = new RandomHorizontalFlip(0.5).apply(new RandomCrop(4, 4, 1).apply(image, g), g);
        assertArrayEquals(manual.data(), both.apply(image, new Generator(11)).data());
        assertArrayEquals(both.apply(image, new Generator(3)).data(), both.apply(image, new Generator(3)).data());
        assertEquals(image, Transform.compose().apply(image, null));
        Tensor viaTensor = both.apply(image.toTensor(), new Generator(11));
        assertArrayEquals(new int[] {1, 4, 4}, viaTensor.shape());
        assertArrayEquals(manual.data(), viaTensor.toFloatArray());
    }

    @Test
    void sampleRandomFollowsTheTensorConvention() {
        Generator scalar = new Generator(99, 5);
        Generator tensor = new Generator(99, 5);
        double[] expected = Tensor.uniform(tensor, Device.defaultDevice(), DType.FLOAT64, 0, 1, 3).toDoubleArray();
        for (double e : expected) {
            assertEquals(e, SampleRandom.uniform(scalar));
        }
        assertEquals(8, scalar.offset());
        assertNotEquals(SampleRandom.below(new Generator(1), 1000), SampleRandom.below(new Generator(2), 1000));
        assertThrows(IllegalArgumentException.class, () -> SampleRandom.below(new Generator(1), 0));
    }

    @Test
    void floatImageChecksItsShape() {
        assertThrows(IllegalArgumentException.class, () -> new FloatImage(1, 2, 2, new float[3]));
        assertThrows(IllegalArgumentException.class, () -> FloatImage.of(Tensor.zeros(2, 2)));
        assertEquals(4f, FloatImage.of(counting(1, 2, 2).toTensor()).at(0, 1, 1));
    }
}
