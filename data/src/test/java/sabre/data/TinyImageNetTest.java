package sabre.data;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

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
class TinyImageNetTest {
    @TempDir
    Path dir;

    /** Classes n02 (listed first) and n01; n01 gets two colour JPEGs, n02 one grey JPEG and one PNG. */
    @BeforeEach
    void fixture() throws IOException {
        Fixtures.text(dir.resolve("wnids.txt"), "n02\nn01\n");
        Fixtures.text(dir.resolve("words.txt"), "n00\tentity\nn01\tgoldfish, Carassius auratus\nn02\ttabby, tabby cat\n");
        Fixtures.write(Fixtures.rgb(64, 64, (x, y) -> 0xC02010), "jpeg", dir.resolve("train/n01/images/n01_1.JPEG"));
        Fixtures.write(Fixtures.rgb(64, 64, (x, y) -> 0x1020C0), "jpeg", dir.resolve("train/n01/images/n01_0.JPEG"));
        Fixtures.text(dir.resolve("train/n01/n01_boxes.txt"), "n01_0.JPEG\t0\t0\t63\t63\n");
        Fixtures.write(Fixtures.grey(64, 64, (x, y) -> 100), "jpeg", dir.resolve("train/n02/images/n02_0.JPEG"));
        Fixtures.write(Fixtures.rgb(64, 64, (x, y) -> x << 16 | y << 8), "png", dir.resolve("train/n02/images/n02_1.JPEG"));
        Fixtures.write(Fixtures.rgb(64, 64, (x, y) -> 0x00FF00), "png", dir.resolve("val/images/val_0.JPEG"));
        Fixtures.write(Fixtures.rgb(64, 64, (x, y) -> 0x0000FF), "png", dir.resolve("val/images/val_1.JPEG"));
        Fixtures.text(dir.resolve("val/val_annotations.txt"),
                "val_1.JPEG\tn01\t0\t0\t10\t10\nval_0.JPEG\tn02\t3\t4\t50\t60\n");
    }

    @Test
    void trainUsesSortedClassIdsAndFirstSynonyms() throws IOException {
        ImageDataset train = TinyImageNet.load(dir, Split.TRAIN);
        assertEquals(List.of("goldfish", "tabby"), train.classNames());
        assertArrayEquals(new int[] {0, 0, 1, 1}, train.labels());
        assertArrayEquals(new int[] {3, 64, 64}, train.imageShape());
        FloatImage blue = train.floatImage(0); // n01_0 sorts first
        assertTrue(blue.at(2, 10, 10) > 0.7f && blue.at(0, 10, 10) < 0.15f, "n01_0 is the blue one");
        FloatImage grey = train.floatImage(2);
        for (int c = 0; c < 3; c++) {
            assertEquals(100 / 255f, grey.at(c, 30, 30), 3 / 255f, "grey JPEG replicated into RGB");
        }
        assertEquals(17 / 255f, train.floatImage(3).at(0, 5, 17), 1e-6, "PNG content is read exactly");
    }

    @Test
    void testSplitIsTheAnnotatedValidationSetInFileOrder() throws IOException {
        ImageDataset val = TinyImageNet.load(dir, Split.TEST);
        assertArrayEquals(new int[] {0, 1}, val.labels());
        assertEquals(1f, val.floatImage(0).at(2, 0, 0));
        assertEquals(1f, val.floatImage(1).at(1, 0, 0));
    }

    @Test
    void resizesOnRequest() throws IOException {
        ImageDataset small = TinyImageNet.load(dir, Split.TEST, 32, 16);
        assertArrayEquals(new int[] {3, 32, 16}, small.imageShape());
        assertEquals(1f, small.floatImage(0).at(2, 31, 15));
    }

    @Test
    void unknownClassInAnnotations() throws IOException {
        Path annotations = Fixtures.text(dir.resolve("val/val_annotations.txt"), "val_0.JPEG\tn01\n\nval_1.JPEG\tn99\n");
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> TinyImageNet.load(dir, Split.TEST));
        assertEquals(annotations + ": line 3: class id 'n99' is not in wnids.txt", e.getMessage());
        Fixtures.text(dir.resolve("val/val_annotations.txt"), "val_0.JPEG n01\n");
        DatasetFormatException malformed = assertThrows(DatasetFormatException.class,
                () -> TinyImageNet.load(dir, Split.TEST));
        assertEquals("line 1: expected 'file<TAB>wnid…', found 'val_0.JPEG n01'", malformed.problem());
    }

    @Test
    void missingListedImage() throws IOException {
        Files.delete(dir.resolve("val/images/val_0.JPEG"));
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> TinyImageNet.load(dir, Split.TEST));
        assertTrue(e.getMessage().startsWith(dir.resolve("val/images/val_0.JPEG") + ": missing validation image "
                + "listed on line 2"), e.getMessage());
    }

    @Test
    void unreadableJpegIsNamed() throws IOException {
        Path jpeg = dir.resolve("train/n02/images/n02_0.JPEG");
        byte[] head = Arrays.copyOf(Files.readAllBytes(jpeg), 200);
        Files.write(jpeg, head);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> TinyImageNet.load(dir, Split.TRAIN));
        assertEquals(jpeg.toString(), e.source());
        assertTrue(e.problem().startsWith("unreadable JPEG image: "), e.problem());
    }

    @Test
    void namesAndIdsMustBeComplete() throws IOException {
        Path words = Fixtures.text(dir.resolve("words.txt"), "n01\tgoldfish\n");
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> TinyImageNet.load(dir, Split.TEST));
        assertEquals(words + ": no name for class id n02 (expected a line 'n02<TAB>name, …')", e.getMessage());
        Fixtures.text(dir.resolve("wnids.txt"), "n01\nn01\n");
        assertEquals("class id n01 appears twice", assertThrows(DatasetFormatException.class,
                () -> TinyImageNet.load(dir, Split.TEST)).problem());
        Files.delete(dir.resolve("wnids.txt"));
        NoSuchFileException missing = assertThrows(NoSuchFileException.class,
                () -> TinyImageNet.load(dir, Split.TRAIN));
        assertEquals(dir.resolve("wnids.txt") + ": missing Tiny-ImageNet class ids", missing.getMessage());
    }

    @Test
    void namesThatLeaveTheDataSetAreRefused() throws IOException {
        Path annotations = Fixtures.text(dir.resolve("val/val_annotations.txt"), "val_1.JPEG\tn01\n../../wnids.txt\tn02\n");
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> TinyImageNet.load(dir, Split.TEST));
        assertEquals(annotations + ": line 2: image file name '../../wnids.txt' is not a plain file name (expected no "
                + "'/', '\\', control characters, '.' or '..')", e.getMessage());
        Path wnids = Fixtures.text(dir.resolve("wnids.txt"), "n01\n..\n");
        e = assertThrows(DatasetFormatException.class, () -> TinyImageNet.load(dir, Split.TRAIN));
        assertEquals(wnids + ": class id '..' is not a plain file name (expected no '/', '\\', control characters, "
                + "'.' or '..')", e.getMessage());
    }

    @Test
    void textThatIsNotUtf8IsRefusedWithItsOffset() throws IOException {
        Path words = Fixtures.bytes(dir.resolve("words.txt"), new byte[] {'n', '0', '1', '\t', 'f', (byte) 0x9b, '\n'});
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> TinyImageNet.load(dir, Split.TEST));
        assertEquals(words + ": Tiny-ImageNet class names (wnid<TAB>words) is not UTF-8 text: byte 0x9b at offset 5 "
                + "starts no valid UTF-8 character", e.getMessage());
    }

    @Test
    void missingClassFolder() throws IOException {
        Fixtures.text(dir.resolve("wnids.txt"), "n01\nn02\nn03\n");
        Fixtures.text(dir.resolve("words.txt"), "n01\ta\nn02\tb\nn03\tc\n");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> TinyImageNet.load(dir, Split.TRAIN));
        assertTrue(e.getMessage().contains("training images of class n03"), e.getMessage());
    }
}
