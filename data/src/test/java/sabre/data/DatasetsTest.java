package sabre.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class DatasetsTest {
    @TempDir
    Path dir;

    private void mnistFixture(Path where) throws IOException {
        for (Split split : Split.values()) {
            IdxFile.writeImages(where.resolve(Mnist.imagesFileName(split) + ".gz"), 28, 28, new byte[3][784]);
            IdxFile.writeLabels(where.resolve(Mnist.labelsFileName(split) + ".gz"), new byte[] {1, 2, 3});
        }
    }

    @Test
    void fashionMnistFallsBackToTheSubsetWithANotice() throws IOException {
        Path absent = dir.resolve("no-such-dir");
        OpenedDataset d = Datasets.open("fashion-mnist", absent);
        assertEquals(6000, d.train().size());
        assertEquals(1000, d.test().size());
        assertEquals(Optional.of("fashion-mnist: " + absent + " not found; falling back to the embedded subset "
                + "(6,000 train / 1,000 test images, 600 / 100 per class)"), d.notice());
    }

    @Test
    void fashionMnistUsesTheFullSetWhenPresent() throws IOException {
        mnistFixture(dir);
        OpenedDataset d = Datasets.open("fashion-mnist", dir);
        assertEquals(3, d.train().size());
        assertEquals(Mnist.FASHION, d.train().classNames());
        assertEquals(Optional.empty(), d.notice());
        assertEquals(3, Datasets.open("fashion-mnist:" + dir).test().size());
    }

    @Test
    void explicitSubsetAndMnist() throws IOException {
        OpenedDataset subset = Datasets.open("fashion-mnist-subset");
        assertEquals(6000, subset.train().size());
        assertEquals(Optional.empty(), subset.notice());
        mnistFixture(dir);
        OpenedDataset mnist = Datasets.open("mnist:" + dir);
        assertEquals(Mnist.DIGITS, mnist.train().classNames());
        assertArrayEquals(new int[] {1, 2, 3}, mnist.test().labels());
    }

    @Test
    void cifarSpecs() throws IOException {
        byte[] record10 = new byte[3073];
        for (int b = 1; b <= 5; b++) {
            Fixtures.bytes(dir.resolve("c10/data_batch_" + b + ".bin"), record10);
        }
        Fixtures.bytes(dir.resolve("c10/test_batch.bin"), record10);
        Fixtures.text(dir.resolve("c10/batches.meta.txt"), "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n");
        OpenedDataset c10 = Datasets.open("cifar10:" + dir.resolve("c10"));
        assertEquals(5, c10.train().size());
        assertEquals(1, c10.test().size());
        byte[] record100 = new byte[3074];
        record100[0] = 4;
        record100[1] = 77;
        Fixtures.bytes(dir.resolve("c100/train.bin"), record100);
        Fixtures.bytes(dir.resolve("c100/test.bin"), record100);
        Fixtures.text(dir.resolve("c100/fine_label_names.txt"), "f\n".repeat(100));
        Fixtures.text(dir.resolve("c100/coarse_label_names.txt"), "c\n".repeat(20));
        assertEquals(77, Datasets.open("cifar100:" + dir.resolve("c100")).train().label(0));
        assertEquals(4, Datasets.open("cifar100:" + dir.resolve("c100") + "@coarse").test().label(0));
    }

    @Test
    void folderSpecNeedsASizeAndReadsTrainAndTest() throws IOException {
        Fixtures.write(Fixtures.rgb(8, 8, (x, y) -> 0xFF0000), "png", dir.resolve("pets/train/cat/a.png"));
        Fixtures.write(Fixtures.rgb(8, 8, (x, y) -> 0x00FF00), "png", dir.resolve("pets/train/dog/b.png"));
        Fixtures.write(Fixtures.rgb(8, 8, (x, y) -> 0x00FF00), "png", dir.resolve("pets/val/dog/c.png"));
        OpenedDataset rgb = Datasets.open("folder:" + dir.resolve("pets") + "@4x6");
        assertArrayEquals(new int[] {3, 4, 6}, rgb.train().imageShape());
        assertEquals(List.of("cat", "dog"), rgb.train().classNames());
        assertEquals(List.of("dog"), rgb.test().classNames());
        OpenedDataset grey = Datasets.open("folder:" + dir.resolve("pets") + "@4x4,gray");
        assertArrayEquals(new int[] {1, 4, 4}, grey.test().imageShape());
        IllegalArgumentException noSize = assertThrows(IllegalArgumentException.class,
                () -> Datasets.open("folder:" + dir.resolve("pets")));
        assertTrue(noSize.getMessage().contains("needs an image size, e.g. folder:/data/pets@64x64"),
                noSize.getMessage());
    }

    @Test
    void tinyImageNetSpecAcceptsASize() throws IOException {
        Fixtures.text(dir.resolve("tin/wnids.txt"), "n01\n");
        Fixtures.text(dir.resolve("tin/words.txt"), "n01\tgoldfish\n");
        Fixtures.write(Fixtures.rgb(64, 64, (x, y) -> 0), "png", dir.resolve("tin/train/n01/images/a.JPEG"));
        Fixtures.write(Fixtures.rgb(64, 64, (x, y) -> 0), "png", dir.resolve("tin/val/images/v.JPEG"));
        Fixtures.text(dir.resolve("tin/val/val_annotations.txt"), "v.JPEG\tn01\t0\t0\t1\t1\n");
        assertArrayEquals(new int[] {3, 64, 64}, Datasets.open("tiny-imagenet:" + dir.resolve("tin")).train()
                .imageShape());
        assertArrayEquals(new int[] {3, 32, 32}, Datasets.open("tiny-imagenet:" + dir.resolve("tin") + "@32x32")
                .test().imageShape());
    }

    @Test
    void malformedSpecsListTheAcceptedForms() {
        for (String spec : new String[] {"imagenet", "mnist", "cifar10:/x@coarse", "fashion-mnist-subset:/x",
                "cifar10:/x@32x32", "folder:/x@4x4,8x8", "mnist:/data\0/x"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Datasets.open(spec));
            assertTrue(e.getMessage().startsWith("datasets: spec '" + spec + "' "), e.getMessage());
            assertTrue(e.getMessage().contains("accepted forms: fashion-mnist, "), e.getMessage());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Datasets.open("mnist:/data\0/x")).getMessage()
                .contains("names an invalid directory (Nul character not allowed"));
        assertThrows(NoSuchFileException.class, () -> Datasets.open("mnist:" + dir.resolve("absent")));
    }
}
