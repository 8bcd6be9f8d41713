package sabre.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import sabre.tensor.Functional;
import sabre.tensor.ReadLimits;
import sabre.tensor.Shape;
import sabre.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class ImageFolderTest {
    @TempDir
    Path dir;

    private static int colour(int x, int y) {
        return (x * 60) << 16 | (y * 50) << 8 | (x * 10 + y * 20 + 5);
    }

    private void fixture() throws IOException {
        Fixtures.write(Fixtures.rgb(4, 3, ImageFolderTest::colour), "png", dir.resolve("b_cat/1.png"));
        Fixtures.write(Fixtures.rgb(4, 3, (x, y) -> 0xFFFFFF), "png", dir.resolve("b_cat/0.PNG"));
        Fixtures.write(Fixtures.grey(4, 3, (x, y) -> 17 * (x + 4 * y)), "png", dir.resolve("a_dog/x.png"));
        Fixtures.text(dir.resolve("a_dog/notes.txt"), "not an image, ignored");
        Fixtures.text(dir.resolve("a_dog/.hidden.png"), "hidden, ignored");
        Files.createDirectories(dir.resolve(".git"));
    }

    @Test
    void classesAndFilesInSortedOrderExactPixels() throws IOException {
        fixture();
        ImageDataset data = ImageFolder.load(dir, ColorMode.RGB, 3, 4);
        assertEquals(List.of("a_dog", "b_cat"), data.classNames());
        assertArrayEquals(new int[] {0, 1, 1}, data.labels());
        assertArrayEquals(new int[] {3, 3, 4}, data.imageShape());
        byte[] cat = data.pixels(2);
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 4; x++) {
                int rgb = colour(x, y);
                assertEquals(rgb >> 16, cat[y * 4 + x] & 0xFF);
                assertEquals((rgb >> 8) & 0xFF, cat[12 + y * 4 + x] & 0xFF);
                assertEquals(rgb & 0xFF, cat[24 + y * 4 + x] & 0xFF);
            }
        }
        byte[] white = data.pixels(1);
        for (byte b : white) {
            assertEquals(255, b & 0xFF);
        }
    }

    @Test
    void greySourcesKeepTheirLevelsAndReplicateIntoRgb() throws IOException {
        fixture();
        byte[] dog = ImageFolder.load(dir, ColorMode.RGB, 3, 4).pixels(0);
        for (int p = 0; p < 12; p++) {
            assertEquals(17 * p, dog[p] & 0xFF, "no colour-space change of grey levels");
            assertEquals(dog[p], dog[12 + p]);
            assertEquals(dog[p], dog[24 + p]);
        }
    }

    @Test
    void greyModeUsesBt601Luma() throws IOException {
        fixture();
        ImageDataset grey = ImageFolder.load(dir, ColorMode.GRAY, 3, 4);
        assertArrayEquals(new int[] {1, 3, 4}, grey.imageShape());
        byte[] cat = grey.pixels(2);
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 4; x++) {
                int rgb = colour(x, y);
                long luma = Math.round(0.299 * (rgb >> 16) + 0.587 * ((rgb >> 8) & 0xFF) + 0.114 * (rgb & 0xFF));
                assertEquals(luma, cat[y * 4 + x] & 0xFF);
            }
        }
    }

    @Test
    void resizeMatchesTheTensorBilinearOp() throws IOException {
        fixture();
        ImageDataset native3x4 = ImageFolder.load(dir, ColorMode.RGB, 3, 4);
        ImageDataset resized = ImageFolder.load(dir, ColorMode.RGB, 7, 5);
        Tensor source = native3x4.image(2).mul(255).unsqueeze(0);
        float[] expected = Functional.upsampleBilinear(source, 7, 5, false).toFloatArray();
        byte[] got = resized.pixels(2);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Math.round(expected[i]), got[i] & 0xFF, "value " + i);
        }
    }

    @Test
    void jpegIsDecodedApproximately() throws IOException {
        Fixtures.write(Fixtures.rgb(16, 16, (x, y) -> 0x808080), "jpeg", dir.resolve("only/a.jpg"));
        byte[] p = ImageFolder.load(dir, ColorMode.RGB, 16, 16).pixels(0);
        for (byte b : p) {
            assertEquals(128, b & 0xFF, 3);
        }
    }

    @Test
    void unreadableImageIsNamed() throws IOException {
        fixture();
        Path bad = Fixtures.text(dir.resolve("b_cat/2.png"), "not an image");
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> ImageFolder.load(dir, ColorMode.RGB, 3, 4));
        assertEquals(bad + ": not an image javax.imageio can read (expected PNG, JPEG, BMP or GIF; found first "
                + "bytes 6e 6f 74 20 61 6e 20 69)", e.getMessage());
    }

    @Test
    void truncatedPngIsNamed() throws IOException {
        Path png = Fixtures.write(Fixtures.rgb(40, 40, (x, y) -> x * 1000 + y), "png", dir.resolve("c/big.png"));
        byte[] full = Files.readAllBytes(png);
        Files.write(png, Arrays.copyOf(full, full.length / 2));
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> ImageFolder.load(dir, ColorMode.RGB, 8, 8));
        assertEquals(png.toString(), e.source());
        assertTrue(e.problem().startsWith("unreadable png image: "), e.problem());
    }

    @Test
    void absurdDimensionsAreRejectedBeforeDecoding() throws IOException {
        Path png = Fixtures.bytes(dir.resolve("c/huge.png"), Fixtures.pngHeaderOnly(100_000, 100_000));
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> ImageFolder.load(dir, ColorMode.RGB, 8, 8));
        assertEquals(png + ": png header declares image size 100000×100000 (10,000,000,000 pixels), expected "
                + "1..67,108,864 pixels (sabre.read.maxImagePixels); refused before decoding", e.getMessage());
    }

    @Test
    void jpegSofSizeOverTheLimitIsRefusedBeforeDecoding() throws IOException {
        Path jpg = Fixtures.write(Fixtures.rgb(16, 16, ImageFolderTest::colour), "jpeg", dir.resolve("c/a.jpg"));
        byte[] bytes = Files.readAllBytes(jpg);
        int sof = 2;
        while (!((bytes[sof] & 0xFF) == 0xFF && (bytes[sof + 1] & 0xFF) == 0xC0)) {
            sof++;
        }
        // SOF0: marker, length (2), precision (1), height (2), width (2): claim 60000 rows of 50000 pixels
        bytes[sof + 5] = (byte) 0xEA;
        bytes[sof + 6] = 0x60;
        bytes[sof + 7] = (byte) 0xC3;
        bytes[sof + 8] = 0x50;
        Files.write(jpg, bytes);
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> ImageFolder.load(dir, ColorMode.RGB, 8, 8));
        assertEquals(jpg + ": JPEG header declares image size 50000×60000 (3,000,000,000 pixels), expected "
                + "1..67,108,864 pixels (sabre.read.maxImagePixels); refused before decoding", e.getMessage());
    }

    @Test
    void configuredLimitsRefuseLargeImagesAndLargeSets() throws IOException {
        fixture();
        try (ReadLimits.Scope limit = ReadLimits.override(Shape.MAX_ELEMENTS, 11)) {
            DatasetFormatException e = assertThrows(DatasetFormatException.class,
                    () -> ImageFolder.load(dir, ColorMode.RGB, 3, 3));
            assertTrue(e.problem().startsWith("png header declares image size 4×3 (12 pixels), expected 1..11 pixels"),
                    e.problem());
        }
        try (ReadLimits.Scope limit = ReadLimits.override(3 * 3 * 3 * 3 - 1, ReadLimits.DEFAULT_MAX_IMAGE_PIXELS)) {
            DatasetFormatException e = assertThrows(DatasetFormatException.class,
                    () -> ImageFolder.load(dir, ColorMode.RGB, 3, 3));
            assertEquals("3 images of 3×3×3 are 81 elements, more than the limit of 80 (sabre.read.maxElements)",
                    e.problem());
        }
        assertEquals(3, ImageFolder.load(dir, ColorMode.RGB, 3, 3).size(), "the same folder within the defaults");
    }

    @Test
    void layoutErrors() throws IOException {
        NoSuchFileException missing = assertThrows(NoSuchFileException.class,
                () -> ImageFolder.load(dir.resolve("absent"), ColorMode.RGB, 8, 8));
        assertTrue(missing.getMessage().contains("missing directory: image folder"), missing.getMessage());
        DatasetFormatException none = assertThrows(DatasetFormatException.class,
                () -> ImageFolder.load(dir, ColorMode.RGB, 8, 8));
        assertEquals("no class folders: expected one sub-folder per class", none.problem());
        Fixtures.text(dir.resolve("empty/readme.txt"), "no images here");
        DatasetFormatException empty = assertThrows(DatasetFormatException.class,
                () -> ImageFolder.load(dir, ColorMode.RGB, 8, 8));
        assertEquals(dir.resolve("empty") + ": class folder has no images (.png, .jpg, .jpeg, .bmp, .gif)",
                empty.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ImageFolder.load(dir, ColorMode.RGB, 0, 8));
    }
}
