package sabre.data;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzz targets for every data-set reader: idx (plain and gzip), CIFAR binary batches, Tiny-ImageNet and image-folder
 * layouts built on disk from the fuzzer's bytes, and PNG/JPEG/BMP/GIF decoding. A reader must return a data set or
 * throw {@link DatasetFormatException} (or {@link NoSuchFileException} for a missing part of a layout) whose message
 * names the file; any other throwable, or a hang, is a finding. A normal build runs the committed inputs under
 * {@code src/test/resources/sabre/data/DataFuzzTestInputs/<method>/}; {@code JAZZER_FUZZ=1} fuzzes one target.
 *
 * <pre>{@code JAZZER_FUZZ=1 mvn -pl data -am test -Dtest='DataFuzzTest#imageFile'}</pre>
 */
class DataFuzzTest {
    private static final List<String> IMAGE_NAMES = List.of("a.png", "b.JPEG", "c.jpg", "d.gif", "e.bmp", "f.txt");
    private static final byte SEPARATOR = 0x1E;

    @TempDir
    static Path root;

    /** An empty directory for one execution. */
    private static Path fresh() throws IOException {
        Path dir = root.resolve("layout");
        if (Files.exists(dir)) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        return Files.createDirectories(dir);
    }

    /** Runs a read that may fail only the documented ways; the message must name the source. */
    private static void expectDocumented(IoRead read) throws IOException {
        try {
            read.run();
        } catch (DatasetFormatException e) {
            assertTrue(e.getMessage().startsWith(e.source() + ": ") && !e.problem().isBlank(), e.getMessage());
        } catch (NoSuchFileException e) {
            assertTrue(e.getMessage().startsWith(e.getFile()), e.getMessage());
        }
    }

    @FunctionalInterface
    private interface IoRead {
        void run() throws IOException;
    }

    @FuzzTest
    void idx(byte[] bytes) throws IOException {
        Path file = Files.write(fresh().resolve("fuzz-idx"), bytes);
        expectDocumented(() -> {
            IdxFile.Images images = IdxFile.readImages(file);
            assertTrue((long) images.pixels().length * images.rows() * images.cols() <= bytes.length);
        });
        expectDocumented(() -> assertTrue(IdxFile.readLabels(file).length <= bytes.length));
        expectDocumented(() -> IdxFile.readImages(new ByteArrayInputStream(bytes), "stream"));
        expectDocumented(() -> IdxFile.readLabels(new ByteArrayInputStream(bytes), "stream"));
    }

    /**
     * The input's first {@code count} fields, separated by the byte 0x1E (ASCII record separator), then the rest as
     * the last field (it may contain 0x1E); missing fields are empty.
     */
    static byte[][] fields(byte[] bytes, int count) {
        byte[][] out = new byte[count + 1][];
        int start = 0;
        for (int f = 0; f < count; f++) {
            int end = start;
            while (end < bytes.length && bytes[end] != SEPARATOR) {
                end++;
            }
            out[f] = Arrays.copyOfRange(bytes, Math.min(start, bytes.length), end);
            start = end + 1;
        }
        out[count] = Arrays.copyOfRange(bytes, Math.min(start, bytes.length), bytes.length);
        return out;
    }

    /** Input: flags byte (bit 0: CIFAR-100, bit 1: names from the input), names 0x1E batch bytes. */
    @FuzzTest
    void cifar(byte[] bytes) throws IOException {
        Path dir = fresh();
        int flags = bytes.length > 0 ? bytes[0] : 0;
        boolean hundred = (flags & 1) != 0;
        byte[][] f = fields(Arrays.copyOfRange(bytes, Math.min(1, bytes.length), bytes.length), 1);
        byte[] names = (flags & 2) != 0 ? f[0] : "n\n".repeat(hundred ? 100 : 10).getBytes(StandardCharsets.UTF_8);
        byte[] batch = f[1];
        Files.write(dir.resolve(hundred ? "fine_label_names.txt" : "batches.meta.txt"), names);
        for (String file : hundred ? List.of("train.bin", "test.bin") : List.of("data_batch_1.bin", "data_batch_2.bin",
                "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin")) {
            Files.write(dir.resolve(file), batch);
        }
        expectDocumented(() -> {
            ImageDataset d = hundred ? Cifar.cifar100(dir, Split.TEST, false) : Cifar.cifar10(dir, Split.TEST);
            assertEquals((long) d.size() * (Cifar.IMAGE_BYTES + (hundred ? 2 : 1)), batch.length);
        });
    }

    /**
     * Input: wnids.txt 0x1E words.txt 0x1E val_annotations.txt 0x1E training-class folder name 0x1E image bytes,
     * written as every name in {@link #IMAGE_NAMES} under {@code val/images/} and the class's {@code images/}.
     */
    @FuzzTest
    void tinyImageNet(byte[] bytes) throws IOException {
        Path dir = fresh();
        byte[][] f = fields(bytes, 4);
        Files.write(dir.resolve("wnids.txt"), f[0]);
        Files.write(dir.resolve("words.txt"), f[1]);
        Files.createDirectories(dir.resolve("val/images"));
        Files.write(dir.resolve("val/val_annotations.txt"), f[2]);
        Path train = Files.createDirectories(dir.resolve("train").resolve(safeName(f[3], "n0")).resolve("images"));
        for (String name : IMAGE_NAMES) {
            Files.write(dir.resolve("val/images").resolve(name), f[4]);
            Files.write(train.resolve(name), f[4]);
        }
        for (Split split : Split.values()) {
            expectDocumented(() -> TinyImageNet.load(dir, split, 8, 8));
        }
    }

    /**
     * Input: height, width and colour-mode bytes, then entries separated by 0x1E, each {@code class/file} 0x1F image
     * bytes (names reduced to {@code [A-Za-z0-9._-]}, the file name to one of {@link #IMAGE_NAMES}).
     */
    @FuzzTest
    void imageFolder(byte[] bytes) throws IOException {
        Path dir = fresh();
        if (bytes.length < 3) {
            return;
        }
        int height = 1 + Math.floorMod(bytes[0], 48);
        int width = 1 + Math.floorMod(bytes[1], 48);
        ColorMode mode = (bytes[2] & 1) == 0 ? ColorMode.RGB : ColorMode.GRAY;
        byte[][] entries = fields(Arrays.copyOfRange(bytes, 3, bytes.length), 3);
        for (int e = 0; e < entries.length; e++) {
            byte[] entry = entries[e];
            int unit = 0;
            while (unit < entry.length && entry[unit] != 0x1F) {
                unit++;
            }
            String[] names = new String(entry, 0, unit, StandardCharsets.ISO_8859_1).split("/", 2);
            Path classDir = Files.createDirectories(dir.resolve(safeName(names[0].getBytes(StandardCharsets
                    .ISO_8859_1), "c" + e)));
            String file = IMAGE_NAMES.get(Math.floorMod((names.length > 1 ? names[1] : "").hashCode(),
                    IMAGE_NAMES.size()));
            Files.write(classDir.resolve(file), Arrays.copyOfRange(entry, Math.min(unit + 1, entry.length),
                    entry.length));
        }
        expectDocumented(() -> {
            ImageDataset d = ImageFolder.load(dir, mode, height, width);
            assertEquals(mode.channels() * height * width, d.pixels(0).length);
        });
    }

    /** A folder name from fuzzer bytes: only {@code [A-Za-z0-9._-]}, not all dots, else {@code fallback}. */
    private static String safeName(byte[] raw, String fallback) {
        String name = new String(raw, StandardCharsets.ISO_8859_1).replaceAll("[^A-Za-z0-9._-]", "");
        return name.isEmpty() || name.matches("\\.+") || name.length() > 64 ? fallback : name;
    }

    @FuzzTest
    void imageFile(byte[] bytes) throws IOException {
        Path file = Files.write(fresh().resolve("fuzz.png"), bytes);
        expectDocumented(() -> assertEquals(3 * 8 * 8, ImageFiles.read(file, ColorMode.RGB, 8, 8).length));
    }
}
