package sabre.nn.io;

import sabre.tensor.Tensor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Reads and writes NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0): one little-endian, C-order array.
 *
 * <p>Read: {@code '<f4'} → FLOAT32, {@code '<f8'} → FLOAT64, {@code '<f2'} → FLOAT32, {@code '<i4'} → INT32,
 * {@code '<i8'} → INT32 (failing on a value outside the INT32 range), {@code '|u1'} → INT32 values 0..255 (images:
 * {@code Npy.read(p).to(DType.FLOAT32).div(255)}), {@code '|b1'} → BOOL. Big-endian data, Fortran order, structured
 * or object arrays and any other descr raise {@link FormatException}, as does every inconsistency between the header
 * and the file's length (checked before anything is allocated).
 *
 * <p>Write: by default FLOAT32 → {@code '<f4'}, FLOAT64 → {@code '<f8'}, INT32 → {@code '<i8'} (NumPy's and
 * PyTorch's label type), BOOL → {@code '|b1'}; {@link #write(Path, Tensor, ElementType)} picks {@code I32} or
 * {@code U8} for INT32 tensors instead. The bytes are those {@code numpy.save} writes; writes are atomic.
 *
 * <pre>{@code
 * Npy.write(Path.of("images.npy"), images, ElementType.U8);   // INT32 values 0..255 as '|u1'
 * Tensor labels = Npy.read(Path.of("labels.npy"));            // '<i8' → INT32
 * }</pre>
 */
public final class Npy {
    /** Largest header accepted (NumPy's own headers are a few hundred bytes). */
    static final int MAX_HEADER_BYTES = 1 << 20;

    private Npy() {
    }

    /** Reads the array in {@code file}. */
    public static Tensor read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 10) {
                throw new FormatException(file, "file is " + size + " bytes, shorter than the 10-byte npy preamble");
            }
            ByteBuffer pre = TensorBytes.readFully(ch, 0, 8, file);
            byte[] magic = Arrays.copyOf(pre.array(), 6);
            if (!Arrays.equals(magic, NpyHeader.magic())) {
                throw new FormatException(file, "not an npy file: expected magic bytes " + hex(NpyHeader.magic())
                        + " at byte offset 0, found " + hex(magic));
            }
            int major = pre.get(6) & 0xFF;
            int minor = pre.get(7) & 0xFF;
            if (major < 1 || major > 3 || minor != 0) {
                throw new FormatException(file, "unsupported npy format version " + major + "." + minor
                        + " at byte offset 6, expected 1.0, 2.0 or 3.0");
            }
            int lengthBytes = major == 1 ? 2 : 4;
            long prefix = 8 + lengthBytes;
            if (size < prefix) {
                throw new FormatException(file, "file is " + size + " bytes, shorter than the " + prefix
                        + "-byte preamble of npy version " + major + ".0");
            }
            ByteBuffer lengthField = TensorBytes.readFully(ch, 8, lengthBytes, file).order(ByteOrder.LITTLE_ENDIAN);
            long headerBytes = major == 1 ? lengthField.getShort() & 0xFFFF : lengthField.getInt() & 0xFFFFFFFFL;
            if (headerBytes > size - prefix) {
                throw new FormatException(file, "header length " + headerBytes + " at byte offset 8 exceeds the "
                        + (size - prefix) + " bytes after it (file size " + size + ")");
            }
            if (headerBytes > MAX_HEADER_BYTES) {
                throw new FormatException(file, "header length " + headerBytes + " at byte offset 8 exceeds the limit"
                        + " of " + MAX_HEADER_BYTES + " bytes");
            }
            NpyHeader header = NpyHeader.parse(TensorBytes.readFully(ch, prefix, (int) headerBytes, file).array(),
                    prefix, file);
            long dataStart = prefix + headerBytes;
            long needed = (long) header.type().byteSize() * Arrays.stream(header.shape()).asLongStream()
                    .reduce(1, (a, b) -> a * b);
            if (size - dataStart != needed) {
                throw new FormatException(file, "shape " + Arrays.toString(header.shape()) + " of '"
                        + header.type().npyDescr() + "' needs " + needed + " data bytes from byte offset " + dataStart
                        + ", found " + (size - dataStart));
            }
            return TensorBytes.read(ch, dataStart, header.type(), header.shape(), file, "array");
        }
    }

    /** Writes {@code t} with its default type ({@link ElementType#of}: INT32 as {@code '<i8'}). */
    public static void write(Path file, Tensor t) throws IOException {
        write(file, t, ElementType.of(t.dtype()));
    }

    /**
     * Writes {@code t} as {@code type}, which must read back as the tensor's dtype (e.g. I32 or U8 for INT32; U8
     * requires values 0..255); throws {@link IllegalArgumentException} otherwise.
     */
    public static void write(Path file, Tensor t, ElementType type) throws IOException {
        TensorBytes.checkWritable("npy", "a tensor", t, type);
        byte[] header = new NpyHeader(type, t.shape()).format();
        AtomicFiles.write(file, out -> {
            out.write(header);
            TensorBytes.write(out, t, type);
        });
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append(String.format("%02x", b & 0xFF));
        }
        return sb.toString();
    }
}
