package sabre.data;

import sabre.tensor.ReadLimits;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * Reads and writes the idx files of MNIST and Fashion-MNIST: a big-endian header (magic {@code 0x00000803} then
 * count, rows, columns for unsigned-byte images; magic {@code 0x00000801} then count for unsigned-byte labels)
 * followed by the raw bytes. Files may be gzip-compressed; reading recognises gzip by its signature
 * ({@code 1f 8b}), writing compresses when the name ends in {@code .gz}.
 *
 * <p>Reading validates before it allocates: the magic, image sides within {@code 1..}{@link #MAX_SIDE}, and for an
 * uncompressed file the exact length the header implies (so a header claiming 10⁹ images in a 1 KB file fails at
 * once), and the declared count × rows × cols within {@link ReadLimits#maxElements()}. A compressed file's length
 * says nothing about its content, so its images are read one at a time and memory grows only with data actually
 * present; running out early is reported as truncation. Trailing bytes after the
 * last item are an error too. Every failure is a {@link DatasetFormatException} naming the file and the offset.
 *
 * <pre>{@code
 * IdxFile.Images train = IdxFile.readImages(dir.resolve("train-images-idx3-ubyte.gz"));
 * byte[] labels = IdxFile.readLabels(dir.resolve("train-labels-idx1-ubyte.gz"));
 * IdxFile.writeLabels(out.resolve("labels-idx1-ubyte.gz"), labels);
 * }</pre>
 */
public final class IdxFile {
    /** Magic number of unsigned-byte image files (type 0x08, 3 dimensions). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of unsigned-byte label files (type 0x08, 1 dimension). */
    public static final int LABELS_MAGIC = 0x00000801;
    /** Largest accepted image side, in pixels. */
    public static final int MAX_SIDE = 16_384;

    private static final int IMAGES_HEADER = 16;
    private static final int LABELS_HEADER = 8;

    private IdxFile() {
    }

    /**
     * Images from an idx3 file: {@code pixels[i]} holds image i's rows·cols bytes, row-major.
     *
     * <pre>{@code IdxFile.Images imgs = IdxFile.readImages(path); int n = imgs.pixels().length;}</pre>
     */
    public record Images(int rows, int cols, byte[][] pixels) {
    }

    /** Reads an idx3 image file (plain or gzip). */
    public static Images readImages(Path file) throws IOException {
        try (Source in = Source.open(file)) {
            return readImages(in);
        }
    }

    /** Reads (and closes) an idx3 image stream, plain or gzip, of unknown length; {@code name} appears in errors. */
    public static Images readImages(InputStream stream, String name) throws IOException {
        try (Source in = Source.wrap(stream, name, -1)) {
            return readImages(in);
        }
    }

    /** Reads an idx1 label file (plain or gzip): one unsigned byte per item. */
    public static byte[] readLabels(Path file) throws IOException {
        try (Source in = Source.open(file)) {
            return readLabels(in);
        }
    }

    /** Reads (and closes) an idx1 label stream, plain or gzip, of unknown length; {@code name} appears in errors. */
    public static byte[] readLabels(InputStream stream, String name) throws IOException {
        try (Source in = Source.wrap(stream, name, -1)) {
            return readLabels(in);
        }
    }

    /** Writes an idx3 image file, gzip-compressed (level 9, deterministic bytes) when the name ends in .gz. */
    public static void writeImages(Path file, int rows, int cols, byte[][] pixels) throws IOException {
        if (rows < 1 || cols < 1 || rows > MAX_SIDE || cols > MAX_SIDE) {
            throw new IllegalArgumentException("idx: image size " + rows + "×" + cols + " outside 1.." + MAX_SIDE);
        }
        for (int i = 0; i < pixels.length; i++) {
            if (pixels[i].length != rows * cols) {
                throw new IllegalArgumentException("idx: image " + i + " has " + pixels[i].length + " bytes, expected "
                        + rows + "×" + cols);
            }
        }
        try (DataOutputStream out = create(file)) {
            out.writeInt(IMAGES_MAGIC);
            out.writeInt(pixels.length);
            out.writeInt(rows);
            out.writeInt(cols);
            for (byte[] image : pixels) {
                out.write(image);
            }
        }
    }

    /** Writes an idx1 label file, gzip-compressed (level 9, deterministic bytes) when the name ends in .gz. */
    public static void writeLabels(Path file, byte[] labels) throws IOException {
        try (DataOutputStream out = create(file)) {
            out.writeInt(LABELS_MAGIC);
            out.writeInt(labels.length);
            out.write(labels);
        }
    }

    private static DataOutputStream create(Path file) throws IOException {
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        if (file.getFileName().toString().endsWith(".gz")) {
            out = new GZIPOutputStream(out, 1 << 16) {
                {
                    def.setLevel(Deflater.BEST_COMPRESSION);
                }
            };
        }
        return new DataOutputStream(out);
    }

    private static Images readImages(Source in) throws IOException {
        in.expectMagic(IMAGES_MAGIC);
        int count = in.readCount();
        int rows = in.readInt();
        int cols = in.readInt();
        if (rows < 1 || cols < 1 || rows > MAX_SIDE || cols > MAX_SIDE) {
            throw in.error("absurd image size " + rows + "×" + cols + " at offset 8 (each side must be 1.."
                    + MAX_SIDE + ")");
        }
        int size = rows * cols;
        in.expectWithinLimit(count, size, "images of " + rows + "×" + cols + " pixels");
        in.expectPayload(count, size, "images of " + rows + "×" + cols + " pixels", IMAGES_HEADER);
        List<byte[]> images = new ArrayList<>(Math.min(count, 1 << 16));
        for (int i = 0; i < count; i++) {
            images.add(in.readItem(size, i, count, "image"));
        }
        in.expectEnd();
        return new Images(rows, cols, images.toArray(new byte[0][]));
    }

    private static byte[] readLabels(Source in) throws IOException {
        in.expectMagic(LABELS_MAGIC);
        int count = in.readCount();
        in.expectWithinLimit(count, 1, "labels");
        in.expectPayload(count, 1, "labels", LABELS_HEADER);
        // labels are tiny; read in chunks so a lying count in a compressed file costs no more than the data present
        int chunk = 1 << 16;
        List<byte[]> parts = new ArrayList<>();
        for (int done = 0; done < count; done += chunk) {
            parts.add(in.readItem(Math.min(chunk, count - done), done, count, "label"));
        }
        in.expectEnd();
        byte[] labels = new byte[count];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, labels, at, part.length);
            at += part.length;
        }
        return labels;
    }

    /** A big-endian reader that tracks its offset and knows the payload length when the file is uncompressed. */
    private static final class Source implements AutoCloseable {
        private final InputStream in;
        private final String name;
        private final boolean gzip;
        private final long length;
        private long offset;

        private Source(InputStream in, String name, boolean gzip, long length) {
            this.in = in;
            this.name = name;
            this.gzip = gzip;
            this.length = length;
        }

        static Source open(Path file) throws IOException {
            long length = Files.size(file);
            return wrap(Files.newInputStream(file), file.toString(), length);
        }

        /** {@code length} is the stream's byte count, or -1 when unknown. */
        static Source wrap(InputStream raw, String name, long length) throws IOException {
            BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
            buffered.mark(2);
            boolean gzip = buffered.read() == 0x1f && buffered.read() == 0x8b;
            buffered.reset();
            if (!gzip) {
                return new Source(buffered, name, false, length);
            }
            try {
                return new Source(new BufferedInputStream(new GZIPInputStream(buffered, 1 << 16), 1 << 16), name,
                        true, -1);
            } catch (ZipException | EOFException e) {
                buffered.close();
                throw new DatasetFormatException(name, "corrupt gzip header: " + e.getMessage(), e);
            }
        }

        DatasetFormatException error(String problem) {
            return new DatasetFormatException(name, gzip ? problem.replace("offset", "decompressed offset") : problem);
        }

        void expectMagic(int expected) throws IOException {
            byte[] b = read(4, "a 4-byte magic number");
            int magic = ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
            if (magic != expected) {
                throw error(String.format("wrong magic number at offset 0: expected 0x%08X (%s), found 0x%08X%s",
                        expected, describe(expected), magic,
                        magic == IMAGES_MAGIC || magic == LABELS_MAGIC ? " (" + describe(magic) + ")" : ""));
            }
        }

        private static String describe(int magic) {
            return magic == IMAGES_MAGIC ? "an idx3 unsigned-byte image file" : "an idx1 unsigned-byte label file";
        }

        int readInt() throws IOException {
            byte[] b = read(4, "a 4-byte header field");
            return ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
        }

        int readCount() throws IOException {
            int count = readInt();
            if (count < 0) {
                throw error("absurd item count " + Integer.toUnsignedString(count) + " at offset 4 (above "
                        + Integer.MAX_VALUE + ")");
            }
            return count;
        }

        /** The header's count at offset 4 times the item size must not exceed {@link ReadLimits#maxElements()}. */
        void expectWithinLimit(int count, int itemSize, String what) throws DatasetFormatException {
            long claimed = (long) count * itemSize;
            if (claimed > ReadLimits.maxElements()) {
                throw error(String.format("header at offset 4 declares %,d %s (%,d bytes), more than the limit of "
                        + "%,d elements (%s)", count, what, claimed, ReadLimits.maxElements(),
                        ReadLimits.MAX_ELEMENTS_PROPERTY));
            }
        }

        /** For an uncompressed file: the header's claim must match the bytes that follow it exactly. */
        void expectPayload(int count, int itemSize, String what, int header) throws DatasetFormatException {
            if (length < 0) {
                return;
            }
            long claimed = (long) count * itemSize;
            long present = length - header;
            if (claimed != present) {
                throw error(String.format("header claims %,d %s (%,d bytes after the %d-byte header) but the file "
                        + "has %,d bytes there: %s", count, what, claimed, header, present,
                        claimed > present ? "truncated or lying header" : "unexpected extra data"));
            }
        }

        byte[] readItem(int size, int index, int count, String what) throws IOException {
            long start = offset;
            byte[] b = readFully(size);
            if (b.length < size) {
                throw error(String.format("truncated: the header claims %,d %ss but the data ends inside %s %,d "
                        + "(offset %,d, expected %,d more bytes, found %,d)", count, what, what, index, start,
                        size, b.length));
            }
            return b;
        }

        void expectEnd() throws IOException {
            if (decompress(in::read) != -1) {
                throw error(String.format("unexpected data after the last item at offset %,d", offset));
            }
        }

        private byte[] read(int n, String what) throws IOException {
            long start = offset;
            byte[] b = readFully(n);
            if (b.length < n) {
                throw error(String.format("truncated header: expected %s at offset %d, the file ends at offset %d",
                        what, start, start + b.length));
            }
            return b;
        }

        private byte[] readFully(int n) throws IOException {
            byte[] b = decompress(() -> in.readNBytes(n));
            offset += b.length;
            return b;
        }

        /** Runs a read, turning a broken gzip stream into a format error at the current offset. */
        private <T> T decompress(IORead<T> read) throws IOException {
            try {
                return read.get();
            } catch (ZipException | EOFException e) {
                throw error(String.format("corrupt or truncated gzip data after offset %,d: %s", offset,
                        e.getMessage()));
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    @FunctionalInterface
    private interface IORead<T> {
        T get() throws IOException;
    }
}
