package sabre.data;

import org.junit.jupiter.api.Test;
import sabre.tensor.DType;
import sabre.tensor.Generator;
import sabre.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ImageDatasetTest {
    /** 10 images 1×1×2 holding (i, 255); labels 0,1,2,0,1,2,... */
    private static ImageDataset data() {
        byte[][] pixels = new byte[10][];
        int[] labels = new int[10];
        for (int i = 0; i < 10; i++) {
            pixels[i] = new byte[] {(byte) i, (byte) 255};
            labels[i] = i % 3;
        }
        return ImageDataset.of(1, 1, 2, pixels, labels, List.of("x", "y", "z"));
    }

    @Test
    void accessors() {
        ImageDataset d = data();
        assertEquals(10, d.size());
        assertEquals(3, d.numClasses());
        assertEquals("z", d.className(d.label(5)));
        Tensor image = d.image(3);
        assertEquals(DType.FLOAT32, image.dtype());
        assertArrayEquals(new int[] {1, 1, 2}, image.shape());
        assertArrayEquals(new float[] {3 / 255f, 1f}, image.toFloatArray());
        assertArrayEquals(new int[] {4, 3, 3}, d.classCounts());
        byte[] copy = d.pixels(0);
        copy[0] = 99;
        assertEquals(0, d.pixels(0)[0], "pixels() hands out a copy");
        assertThrows(IndexOutOfBoundsException.class, () -> d.label(10));
    }

    @Test
    void subsetsShareNothingMutable() {
        ImageDataset sub = data().subset(9, 2, 2);
        assertArrayEquals(new int[] {0, 2, 2}, sub.labels());
        assertEquals(9, sub.pixels(0)[0]);
        assertThrows(IndexOutOfBoundsException.class, () -> data().subset(10));
    }

    @Test
    void firstPerClassKeepsFileOrder() {
        ImageDataset balanced = data().firstPerClass(2);
        assertArrayEquals(new int[] {0, 1, 2, 0, 1, 2}, balanced.labels());
        assertEquals(5, balanced.pixels(5)[0]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> data().firstPerClass(4));
        assertEquals("firstPerClass: class 1 (y) has only 3 images, need 4", e.getMessage());
    }

    @Test
    void randomSplitIsASeededPartition() {
        List<ImageDataset> a = data().randomSplit(new Generator(1), 7);
        List<ImageDataset> b = data().randomSplit(new Generator(1), 7);
        assertEquals(7, a.get(0).size());
        assertEquals(3, a.get(1).size());
        List<Integer> all = new ArrayList<>();
        for (ImageDataset part : a) {
            for (int i = 0; i < part.size(); i++) {
                all.add((int) part.pixels(i)[0]);
            }
        }
        all.sort(null);
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), all);
        assertArrayEquals(a.get(0).labels(), b.get(0).labels());
        List<Integer> first = new ArrayList<>();
        List<Integer> other = new ArrayList<>();
        ImageDataset x = a.get(0);
        ImageDataset y = data().randomSplit(new Generator(2), 7).get(0);
        for (int i = 0; i < 7; i++) {
            first.add((int) x.pixels(i)[0]);
            other.add((int) y.pixels(i)[0]);
        }
        assertNotEquals(first, other, "another seed, another split");
    }

    @Test
    void constructionIsChecked() {
        List<String> names = List.of("a");
        assertThrows(IllegalArgumentException.class,
                () -> ImageDataset.of(1, 1, 2, new byte[][] {{1}}, new int[] {0}, names));
        assertThrows(IllegalArgumentException.class,
                () -> ImageDataset.of(1, 1, 1, new byte[][] {{1}}, new int[] {1}, names));
        assertThrows(IllegalArgumentException.class,
                () -> ImageDataset.of(1, 1, 1, new byte[][] {{1}}, new int[0], names));
        assertThrows(IllegalArgumentException.class,
                () -> ImageDataset.of(0, 1, 1, new byte[0][], new int[0], names));
    }
}
