package sabre.data;

import sabre.tensor.ReadLimits;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CIFAR-10 and CIFAR-100 in their binary distributions ({@code cifar-10-batches-bin/}, {@code cifar-100-binary/}).
 * Each file is a sequence of fixed-size records: label byte(s), then 3,072 pixel bytes (1,024 red, 1,024 green,
 * 1,024 blue, rows top to bottom), i.e. a 3×32×32 CHW image.
 * <ul>
 *   <li>CIFAR-10: 1 label byte (0..9); training = {@code data_batch_1.bin .. data_batch_5.bin} in that order,
 *       test = {@code test_batch.bin}; names from {@code batches.meta.txt}.</li>
 *   <li>CIFAR-100: a coarse (0..19) then a fine (0..99) label byte; {@code train.bin} / {@code test.bin}; names from
 *       {@code fine_label_names.txt} or {@code coarse_label_names.txt}.</li>
 * </ul>
 * A file whose length is not a whole number of records, a label out of range, or a names file with the wrong
 * number of lines, or more pixel bytes than {@link ReadLimits#maxElements()} raises {@link DatasetFormatException}
 * naming the file, record and offset, before any record is allocated; a missing file raises
 * {@link java.nio.file.NoSuchFileException}.
 *
 * <pre>{@code
 * ImageDataset train = Cifar.cifar10(Path.of("cifar-10-batches-bin"), Split.TRAIN);    // 50,000 × 3×32×32
 * ImageDataset coarse = Cifar.cifar100(Path.of("cifar-100-binary"), Split.TEST, true); // 20 classes
 * }</pre>
 */
public final class Cifar {
    /** Pixel bytes per record: 3×32×32. */
    public static final int IMAGE_BYTES = 3 * 32 * 32;

    private Cifar() {
    }

    /** CIFAR-10 from its binary directory. */
    public static ImageDataset cifar10(Path dir, Split split) throws IOException {
        List<Path> files = new ArrayList<>();
        if (split == Split.TRAIN) {
            for (int b = 1; b <= 5; b++) {
                files.add(dir.resolve("data_batch_" + b + ".bin"));
            }
        } else {
            files.add(dir.resolve("test_batch.bin"));
        }
        List<String> names = DataFiles.names(dir.resolve("batches.meta.txt"), "CIFAR-10 class names", 10);
        return read(files, 1, 0, names);
    }

    /** CIFAR-100 from its binary directory, labelled with the 100 fine classes or, if {@code coarse}, the 20. */
    public static ImageDataset cifar100(Path dir, Split split, boolean coarse) throws IOException {
        Path file = dir.resolve(split == Split.TRAIN ? "train.bin" : "test.bin");
        List<String> names = coarse
                ? DataFiles.names(dir.resolve("coarse_label_names.txt"), "CIFAR-100 coarse class names", 20)
                : DataFiles.names(dir.resolve("fine_label_names.txt"), "CIFAR-100 fine class names", 100);
        return read(List.of(file), 2, coarse ? 0 : 1, names);
    }

    /** Reads the records of {@code files}; label byte {@code labelIndex} of {@code labelBytes} is the class. */
    private static ImageDataset read(List<Path> files, int labelBytes, int labelIndex, List<String> names)
            throws IOException {
        int record = labelBytes + IMAGE_BYTES;
        long total = 0;
        for (Path file : files) {
            long size = Files.size(DataFiles.require(file, "CIFAR binary batch"));
            if (size == 0 || size % record != 0) {
                throw new DatasetFormatException(file.toString(), String.format("truncated or not a CIFAR batch: "
                        + "%,d bytes is not a positive whole number of %,d-byte records (%,d complete, %,d bytes "
                        + "left over at offset %,d)", size, record, size / record, size % record,
                        size - size % record));
            }
            total += size / record;
        }
        if (total * IMAGE_BYTES > ReadLimits.maxElements()) {
            throw new DatasetFormatException(files.get(0).toString(), String.format("%,d records (%,d pixel bytes) "
                    + "are more than the limit of %,d elements (%s) for one in-memory data set", total,
                    total * IMAGE_BYTES, ReadLimits.maxElements(), ReadLimits.MAX_ELEMENTS_PROPERTY));
        }
        byte[][] pixels = new byte[(int) total][];
        int[] labels = new int[(int) total];
        int i = 0;
        for (Path file : files) {
            long count = Files.size(file) / record;
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                for (long r = 0; r < count; r++, i++) {
                    byte[] label = readRecordPart(in, file, labelBytes, r, record);
                    labels[i] = label[labelIndex] & 0xFF;
                    if (labels[i] >= names.size()) {
                        throw new DatasetFormatException(file.toString(), String.format("record %,d (offset %,d): "
                                + "label %d outside 0..%d", r, r * record + labelIndex, labels[i], names.size() - 1));
                    }
                    pixels[i] = readRecordPart(in, file, IMAGE_BYTES, r, record);
                }
            }
        }
        return new ImageDataset(3, 32, 32, pixels, labels, names);
    }

    private static byte[] readRecordPart(InputStream in, Path file, int n, long r, int record) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new DatasetFormatException(file.toString(), String.format("truncated while reading record %,d "
                    + "(starts at offset %,d): the file shrank while being read", r, r * record));
        }
        return b;
    }
}
