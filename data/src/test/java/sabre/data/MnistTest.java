package sabre.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@Timeout(30)
class MnistTest {
    @TempDir
    Path dir;

    private void writeSplit(Split split, String suffix, int n, int labelOffset) throws IOException {
        byte[][] images = new byte[n][4];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            images[i][0] = (byte) (i + labelOffset);
            labels[i] = (byte) ((i + labelOffset) % 10);
        }
        IdxFile.writeImages(dir.resolve(Mnist.imagesFileName(split) + suffix), 2, 2, images);
        IdxFile.writeLabels(dir.resolve(Mnist.labelsFileName(split) + suffix), labels);
    }

    @Test
    void loadsPlainAndGzipSplits() throws IOException {
        writeSplit(Split.TRAIN, ".gz", 12, 0);
        writeSplit(Split.TEST, "", 3, 5);
        ImageDataset train = Mnist.load(dir, Split.TRAIN, Mnist.DIGITS);
        assertEquals(12, train.size());
        assertArrayEquals(new int[] {1, 2, 2}, train.imageShape());
        assertEquals(1, train.label(11));
        assertEquals(11, train.pixels(11)[0]);
        ImageDataset test = Mnist.load(dir, Split.TEST, Mnist.FASHION);
        assertArrayEquals(new int[] {5, 6, 7}, test.labels());
        assertEquals("Sandal", test.className(test.label(0)));
    }

    @Test
    void plainFileWinsOverGzip() throws IOException {
        writeSplit(Split.TEST, ".gz", 3, 0);
        writeSplit(Split.TEST, "", 4, 0);
        assertEquals(4, Mnist.load(dir, Split.TEST, Mnist.DIGITS).size());
    }

    @Test
    void countsMustMatch() throws IOException {
        writeSplit(Split.TRAIN, "", 5, 0);
        Path labels = dir.resolve(Mnist.labelsFileName(Split.TRAIN));
        IdxFile.writeLabels(labels, new byte[4]);
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> Mnist.load(dir, Split.TRAIN, Mnist.DIGITS));
        assertEquals(labels + ": has 4 labels but " + dir.resolve(Mnist.imagesFileName(Split.TRAIN))
                + " has 5 images", e.getMessage());
    }

    @Test
    void labelsMustBeKnownClasses() throws IOException {
        writeSplit(Split.TRAIN, "", 5, 0);
        IdxFile.writeLabels(dir.resolve(Mnist.labelsFileName(Split.TRAIN)), new byte[] {0, 1, 2, 10, 4});
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> Mnist.load(dir, Split.TRAIN, Mnist.DIGITS));
        assertEquals("label 10 of item 3 (offset 11) is outside 0..9", e.problem());
    }

    @Test
    void missingFilesSayWhatWasExpected() throws IOException {
        writeSplit(Split.TRAIN, "", 2, 0);
        NoSuchFileException e = assertThrows(NoSuchFileException.class,
                () -> Mnist.load(dir, Split.TEST, Mnist.DIGITS));
        assertTrue(e.getMessage().contains("missing MNIST-format TEST images: expected t10k-images-idx3-ubyte or "
                + "t10k-images-idx3-ubyte.gz in " + dir), e.getMessage());
    }

    @Test
    void embeddedSubsetIsClassBalanced() throws IOException {
        ImageDataset train = Mnist.embeddedFashionSubset(Split.TRAIN);
        ImageDataset test = Mnist.embeddedFashionSubset(Split.TEST);
        assertEquals(6000, train.size());
        assertEquals(1000, test.size());
        assertArrayEquals(new int[] {1, 28, 28}, train.imageShape());
        assertEquals(Mnist.FASHION, train.classNames());
        int[] six = new int[10];
        Arrays.fill(six, 600);
        assertArrayEquals(six, train.classCounts());
        int[] one = new int[10];
        Arrays.fill(one, 100);
        assertArrayEquals(one, test.classCounts());
    }

    @Test
    void embeddedSubsetIsTheFirstImagesPerClassOfTheFullSet() throws IOException {
        Path full = Path.of(Datasets.DEBIAN_FASHION_MNIST);
        assumeTrue(full.toFile().isDirectory(), "needs Debian's fashion-mnist");
        ImageDataset expected = Mnist.load(full, Split.TEST, Mnist.FASHION).firstPerClass(100);
        ImageDataset embedded = Mnist.embeddedFashionSubset(Split.TEST);
        assertArrayEquals(expected.labels(), embedded.labels());
        for (int i = 0; i < embedded.size(); i++) {
            assertArrayEquals(expected.pixels(i), embedded.pixels(i), "image " + i);
        }
    }
}
