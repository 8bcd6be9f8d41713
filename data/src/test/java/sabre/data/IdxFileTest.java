package sabre.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import sabre.tensor.ReadLimits;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class IdxFileTest {
    @TempDir
    Path dir;

    private static byte[][] images(int n, int rows, int cols) {
        byte[][] images = new byte[n][rows * cols];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < rows * cols; p++) {
                images[i][p] = (byte) (i * 31 + p * 7);
            }
        }
        return images;
    }

    @Test
    void imagesAndLabelsRoundTripPlainAndGzip() throws IOException {
        byte[][] images = images(5, 3, 4);
        byte[] labels = {0, 9, 3, 3, 7};
        for (String suffix : new String[] {"", ".gz"}) {
            Path imageFile = dir.resolve("images-idx3-ubyte" + suffix);
            Path labelFile = dir.resolve("labels-idx1-ubyte" + suffix);
            IdxFile.writeImages(imageFile, 3, 4, images);
            IdxFile.writeLabels(labelFile, labels);
            byte[] head = Arrays.copyOf(Files.readAllBytes(imageFile), 4);
            if (suffix.isEmpty()) {
                assertArrayEquals(new byte[] {0, 0, 8, 3}, head, "plain idx starts with its magic");
                assertEquals(16 + 5 * 12, Files.size(imageFile));
            } else {
                assertArrayEquals(new byte[] {0x1f, (byte) 0x8b}, Arrays.copyOf(head, 2), ".gz is gzip");
            }
            IdxFile.Images read = IdxFile.readImages(imageFile);
            assertEquals(3, read.rows());
            assertEquals(4, read.cols());
            assertArrayEquals(images, read.pixels());
            assertArrayEquals(labels, IdxFile.readLabels(labelFile));
        }
    }

    @Test
    void emptyFilesRoundTrip() throws IOException {
        Path file = dir.resolve("empty-idx3-ubyte.gz");
        IdxFile.writeImages(file, 28, 28, new byte[0][]);
        assertEquals(0, IdxFile.readImages(file).pixels().length);
    }

    @Test
    void gzipIsRecognisedByContentNotName() throws IOException {
        Path file = dir.resolve("labels-without-suffix");
        Fixtures.bytes(file, Fixtures.gzip(Fixtures.idx(new byte[] {4, 2}, IdxFile.LABELS_MAGIC, 2)));
        assertArrayEquals(new byte[] {4, 2}, IdxFile.readLabels(file));
    }

    private DatasetFormatException imagesError(String name, byte[] content) throws IOException {
        Path file = Fixtures.bytes(dir.resolve(name), content);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> IdxFile.readImages(file));
        assertEquals(file.toString(), e.source());
        assertTrue(e.getMessage().startsWith(file.toString() + ": "), e.getMessage());
        return e;
    }

    @Test
    void wrongMagicSaysExpectedAndFound() throws IOException {
        byte[] labelFile = Fixtures.idx(new byte[] {1, 2, 3}, IdxFile.LABELS_MAGIC, 3);
        String m = imagesError("swapped", labelFile).problem();
        assertEquals("wrong magic number at offset 0: expected 0x00000803 (an idx3 unsigned-byte image file), "
                + "found 0x00000801 (an idx1 unsigned-byte label file)", m);
        String png = imagesError("png", Fixtures.pngHeaderOnly(2, 2)).problem();
        assertTrue(png.contains("expected 0x00000803") && png.contains("found 0x89504E47"), png);
        String gz = imagesError("swapped.gz", Fixtures.gzip(labelFile)).problem();
        assertTrue(gz.startsWith("wrong magic number at decompressed offset 0"), gz);
    }

    @Test
    void truncatedHeader() throws IOException {
        assertEquals("truncated header: expected a 4-byte magic number at offset 0, the file ends at offset 2",
                imagesError("short", new byte[] {0, 0}).problem());
        assertEquals("truncated header: expected a 4-byte header field at offset 8, the file ends at offset 10",
                imagesError("short-dims", new byte[] {0, 0, 8, 3, 0, 0, 0, 1, 0, 0}).problem());
    }

    @Test
    void lyingHeaderInPlainFileFailsBeforeAllocating() throws IOException {
        byte[] content = Fixtures.idx(new byte[1000], IdxFile.IMAGES_MAGIC, 1_000_000, 28, 28);
        assertEquals("header claims 1,000,000 images of 28×28 pixels (784,000,000 bytes after the 16-byte "
                + "header) but the file has 1,000 bytes there: truncated or lying header",
                imagesError("lying", content).problem());
    }

    @Test
    void lyingHeaderInGzipFileFailsAsTruncation() throws IOException {
        byte[] content = Fixtures.gzip(Fixtures.idx(new byte[2 * 784 + 5], IdxFile.IMAGES_MAGIC, 1_000_000, 28,
                28));
        assertEquals("truncated: the header claims 1,000,000 images but the data ends inside image 2 "
                + "(decompressed offset 1,584, expected 784 more bytes, found 5)",
                imagesError("lying.gz", content).problem());
    }

    @Test
    void lyingLabelCountInGzipFile() throws IOException {
        Path file = Fixtures.bytes(dir.resolve("labels.gz"),
                Fixtures.gzip(Fixtures.idx(new byte[10], IdxFile.LABELS_MAGIC, 2_000_000_000)));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> IdxFile.readLabels(file));
        assertTrue(e.problem().startsWith("truncated: the header claims 2,000,000,000 labels but the data ends "
                + "inside label 0 (decompressed offset 8"), e.problem());
    }

    @Test
    void trailingDataIsRejected() throws IOException {
        byte[] content = Fixtures.idx(new byte[2 * 4 + 3], IdxFile.IMAGES_MAGIC, 2, 2, 2);
        assertTrue(imagesError("extra", content).problem().endsWith("file has 11 bytes there: unexpected extra data"));
        assertEquals("unexpected data after the last item at decompressed offset 24",
                imagesError("extra.gz", Fixtures.gzip(content)).problem());
    }

    @Test
    void absurdDimensionsAndCounts() throws IOException {
        assertEquals("absurd image size 0×28 at offset 8 (each side must be 1..16384)",
                imagesError("zero", Fixtures.idx(new byte[0], IdxFile.IMAGES_MAGIC, 1, 0, 28)).problem());
        assertEquals("absurd image size 100000×100000 at offset 8 (each side must be 1..16384)",
                imagesError("huge", Fixtures.idx(new byte[0], IdxFile.IMAGES_MAGIC, 1, 100_000, 100_000)).problem());
        assertEquals("absurd item count 4294967295 at offset 4 (above 2147483647)",
                imagesError("negative", Fixtures.idx(new byte[0], IdxFile.IMAGES_MAGIC, -1, 28, 28)).problem());
    }

    @Test
    void countOverTheElementLimitIsRefusedBeforeReading() throws IOException {
        assertEquals("header at decompressed offset 4 declares 1,000,000,000 images of 28×28 pixels (784,000,000,000 "
                + "bytes), more than the limit of 2,147,483,639 elements (sabre.read.maxElements)", imagesError("big.gz",
                Fixtures.gzip(Fixtures.idx(new byte[5], IdxFile.IMAGES_MAGIC, 1_000_000_000, 28, 28))).problem());
        byte[] content = Fixtures.idx(new byte[3 * 2 * 2], IdxFile.IMAGES_MAGIC, 3, 2, 2);
        byte[] labels = Fixtures.idx(new byte[12], IdxFile.LABELS_MAGIC, 12);
        Path labelFile = Fixtures.bytes(dir.resolve("labels"), labels);
        try (ReadLimits.Scope limit = ReadLimits.override(11, ReadLimits.DEFAULT_MAX_IMAGE_PIXELS)) {
            assertEquals("header at offset 4 declares 3 images of 2×2 pixels (12 bytes), more than the limit of 11 "
                    + "elements (sabre.read.maxElements)", imagesError("limited", content).problem());
            assertEquals("header at offset 4 declares 12 labels (12 bytes), more than the limit of 11 elements "
                    + "(sabre.read.maxElements)", assertThrows(DatasetFormatException.class,
                    () -> IdxFile.readLabels(labelFile)).problem());
        }
        assertEquals(3, IdxFile.readImages(Fixtures.bytes(dir.resolve("ok"), content)).pixels().length);
        assertEquals(12, IdxFile.readLabels(labelFile).length);
    }

    @Test
    void corruptGzip() throws IOException {
        byte[] gz = Fixtures.gzip(Fixtures.idx(images(50, 28, 28)[0], IdxFile.IMAGES_MAGIC, 1, 28, 28));
        String cut = imagesError("cut.gz", Arrays.copyOf(gz, gz.length / 2)).problem();
        assertTrue(cut.startsWith("corrupt or truncated gzip data after decompressed offset "), cut);
        String header = imagesError("header.gz", new byte[] {0x1f, (byte) 0x8b, 1}).problem();
        assertTrue(header.startsWith("corrupt gzip header"), header);
    }

    @Test
    void missingFileIsNoSuchFile() {
        assertThrows(NoSuchFileException.class, () -> IdxFile.readImages(dir.resolve("absent")));
    }
}
