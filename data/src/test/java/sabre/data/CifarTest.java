package sabre.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import sabre.tensor.ReadLimits;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class CifarTest {
    @TempDir
    Path dir;

    /** A record's pixels: every byte encodes (tag, position) so that the CHW layout is checkable. */
    private static byte[] pixels(int tag) {
        byte[] p = new byte[Cifar.IMAGE_BYTES];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) (tag * 13 + i);
        }
        return p;
    }

    /** Records of the given label bytes (one array per record), each followed by pixels(tag = record number). */
    private static byte[] records(int firstTag, int[]... labelBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int r = 0; r < labelBytes.length; r++) {
            for (int l : labelBytes[r]) {
                out.write(l);
            }
            out.writeBytes(pixels(firstTag + r));
        }
        return out.toByteArray();
    }

    private static String names(int n, String prefix) {
        return IntStream.range(0, n).mapToObj(i -> prefix + i).collect(Collectors.joining("\n")) + "\n\n";
    }

    private void cifar10Fixture() throws IOException {
        for (int b = 1; b <= 5; b++) {
            Fixtures.bytes(dir.resolve("data_batch_" + b + ".bin"), records(10 * b, new int[] {b}, new int[] {9}));
        }
        Fixtures.bytes(dir.resolve("test_batch.bin"), records(0, new int[] {3}));
        Fixtures.text(dir.resolve("batches.meta.txt"), names(10, "class"));
    }

    @Test
    void moreRecordsThanTheConfiguredElementLimitAreRefused() throws IOException {
        cifar10Fixture();
        try (ReadLimits.Scope limit = ReadLimits.override(10L * Cifar.IMAGE_BYTES - 1,
                ReadLimits.DEFAULT_MAX_IMAGE_PIXELS)) {
            DatasetFormatException e = assertThrows(DatasetFormatException.class,
                    () -> Cifar.cifar10(dir, Split.TRAIN));
            assertEquals(dir.resolve("data_batch_1.bin") + ": 10 records (30,720 pixel bytes) are more than the "
                    + "limit of 30,719 elements (sabre.read.maxElements) for one in-memory data set", e.getMessage());
        }
        assertEquals(10, Cifar.cifar10(dir, Split.TRAIN).size(), "the same files within the default limit");
    }

    @Test
    void cifar10ReadsAllBatchesInOrder() throws IOException {
        cifar10Fixture();
        ImageDataset train = Cifar.cifar10(dir, Split.TRAIN);
        assertEquals(10, train.size());
        assertArrayEquals(new int[] {3, 32, 32}, train.imageShape());
        assertArrayEquals(new int[] {1, 9, 2, 9, 3, 9, 4, 9, 5, 9}, train.labels());
        assertArrayEquals(pixels(21), train.pixels(3)); // batch 2, record 1
        ImageDataset test = Cifar.cifar10(dir, Split.TEST);
        assertEquals(1, test.size());
        assertEquals("class3", test.className(test.label(0)));
        // CHW: red plane, then green from byte 1,024, then blue from 2,048; rows of 32
        FloatImage image = test.floatImage(0);
        assertEquals(pixels(0)[1024] & 0xFF, Math.round(image.at(1, 0, 0) * 255));
        assertEquals(pixels(0)[2048 + 32 + 5] & 0xFF, Math.round(image.at(2, 1, 5) * 255));
    }

    @Test
    void cifar100FineByDefaultCoarseOnRequest() throws IOException {
        Fixtures.bytes(dir.resolve("train.bin"), records(0, new int[] {19, 99}, new int[] {0, 42}));
        Fixtures.bytes(dir.resolve("test.bin"), records(5, new int[] {7, 3}));
        Fixtures.text(dir.resolve("fine_label_names.txt"), names(100, "fine"));
        Fixtures.text(dir.resolve("coarse_label_names.txt"), names(20, "coarse"));
        ImageDataset fine = Cifar.cifar100(dir, Split.TRAIN, false);
        assertArrayEquals(new int[] {99, 42}, fine.labels());
        assertEquals(100, fine.numClasses());
        assertEquals("fine42", fine.className(42));
        ImageDataset coarse = Cifar.cifar100(dir, Split.TRAIN, true);
        assertArrayEquals(new int[] {19, 0}, coarse.labels());
        assertEquals(20, coarse.numClasses());
        assertArrayEquals(pixels(1), coarse.pixels(1));
        assertArrayEquals(new int[] {3}, Cifar.cifar100(dir, Split.TEST, false).labels());
    }

    @Test
    void truncatedBatchNamesFileAndOffset() throws IOException {
        cifar10Fixture();
        Path batch = dir.resolve("data_batch_3.bin");
        byte[] full = Files.readAllBytes(batch);
        Files.write(batch, Arrays.copyOf(full, full.length - 100));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> Cifar.cifar10(dir, Split.TRAIN));
        assertEquals(batch.toString(), e.source());
        assertEquals("truncated or not a CIFAR batch: 6,046 bytes is not a positive whole number of 3,073-byte "
                + "records (1 complete, 2,973 bytes left over at offset 3,073)", e.problem());
    }

    @Test
    void emptyBatchIsRejected() throws IOException {
        cifar10Fixture();
        Files.write(dir.resolve("test_batch.bin"), new byte[0]);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> Cifar.cifar10(dir, Split.TEST));
        assertTrue(e.problem().startsWith("truncated or not a CIFAR batch: 0 bytes"), e.problem());
    }

    @Test
    void labelOutOfRange() throws IOException {
        cifar10Fixture();
        Fixtures.bytes(dir.resolve("test_batch.bin"), records(0, new int[] {1}, new int[] {200}));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> Cifar.cifar10(dir, Split.TEST));
        assertEquals("record 1 (offset 3,073): label 200 outside 0..9", e.problem());
        Fixtures.bytes(dir.resolve("test.bin"), records(0, new int[] {25, 1}));
        Fixtures.text(dir.resolve("coarse_label_names.txt"), names(20, "coarse"));
        DatasetFormatException coarse = assertThrows(DatasetFormatException.class,
                () -> Cifar.cifar100(dir, Split.TEST, true));
        assertEquals("record 0 (offset 0): label 25 outside 0..19", coarse.problem());
    }

    @Test
    void missingBatchAndWrongNames() throws IOException {
        cifar10Fixture();
        Files.delete(dir.resolve("data_batch_5.bin"));
        NoSuchFileException missing = assertThrows(NoSuchFileException.class, () -> Cifar.cifar10(dir, Split.TRAIN));
        assertEquals(dir.resolve("data_batch_5.bin") + ": missing CIFAR binary batch", missing.getMessage());
        Fixtures.text(dir.resolve("batches.meta.txt"), names(9, "c"));
        DatasetFormatException names = assertThrows(DatasetFormatException.class, () -> Cifar.cifar10(dir, Split.TEST));
        assertEquals("expected 10 names (one per line) in CIFAR-10 class names, found 9", names.problem());
        Files.delete(dir.resolve("batches.meta.txt"));
        assertThrows(NoSuchFileException.class, () -> Cifar.cifar10(dir, Split.TEST));
    }
}
