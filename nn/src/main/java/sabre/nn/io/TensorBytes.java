package sabre.nn.io;

import sabre.tensor.Shape;
import sabre.tensor.Tensor;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Converts between a tensor's elements and their little-endian, C-order bytes in a file, in fixed-size chunks (no byte
 * buffer as large as the tensor). Callers validate shapes and offsets against the file first.
 *
 * <pre>{@code Tensor t = TensorBytes.read(channel, 128, ElementType.F32, new int[] {2, 3}, file, "tensor 'w'");}</pre>
 */
final class TensorBytes {
    private static final int CHUNK = 1 << 16;

    private TensorBytes() {
    }

    /** Decodes one element at index {@code i} from the buffer's current position. */
    private interface Decoder {
        void next(ByteBuffer buf, int i) throws FormatException;
    }

    /**
     * Reads {@code numel(shape)} elements of {@code type} starting at byte {@code position}; {@code what} names the
     * array in errors (a value out of range, a file that ends early).
     */
    static Tensor read(FileChannel ch, long position, ElementType type, int[] shape, Path file, String what)
            throws IOException {
        int n = Shape.numel("read", shape);
        switch (type) {
            case F32 -> {
                float[] a = new float[n];
                decode(ch, position, n, type, file, what, (buf, i) -> a[i] = buf.getFloat());
                return Tensor.of(a, shape);
            }
            case F16 -> {
                float[] a = new float[n];
                decode(ch, position, n, type, file, what, (buf, i) -> a[i] = halfToFloat(buf.getShort()));
                return Tensor.of(a, shape);
            }
            case BF16 -> {
                float[] a = new float[n];
                decode(ch, position, n, type, file, what, (buf, i) -> a[i] = bfloat16ToFloat(buf.getShort()));
                return Tensor.of(a, shape);
            }
            case F64 -> {
                double[] a = new double[n];
                decode(ch, position, n, type, file, what, (buf, i) -> a[i] = buf.getDouble());
                return Tensor.of(a, shape);
            }
            case I32 -> {
                int[] a = new int[n];
                decode(ch, position, n, type, file, what, (buf, i) -> a[i] = buf.getInt());
                return Tensor.ofInts(a, shape);
            }
            case I64 -> {
                int[] a = new int[n];
                decode(ch, position, n, type, file, what, (buf, i) -> {
                    long v = buf.getLong();
                    if (v != (int) v) {
                        throw new FormatException(file, what + ": element " + i + " at byte offset "
                                + (position + 8L * i) + " is " + v + ", outside the INT32 range Sabre reads I64 into");
                    }
                    a[i] = (int) v;
                });
                return Tensor.ofInts(a, shape);
            }
            case U8 -> {
                int[] a = new int[n];
                decode(ch, position, n, type, file, what, (buf, i) -> a[i] = buf.get() & 0xFF);
                return Tensor.ofInts(a, shape);
            }
            case BOOL -> {
                boolean[] a = new boolean[n];
                decode(ch, position, n, type, file, what, (buf, i) -> {
                    byte v = buf.get();
                    if (v != 0 && v != 1) {
                        throw new FormatException(file, what + ": element " + i + " at byte offset " + (position + i)
                                + " is " + (v & 0xFF) + ", expected a bool byte 0 or 1");
                    }
                    a[i] = v == 1;
                });
                return Tensor.ofBools(a, shape);
            }
            default -> throw new AssertionError(type);
        }
    }

    /** Reads exactly {@code length} bytes at {@code position}; a file that ends first is a format error. */
    static ByteBuffer readFully(FileChannel ch, long position, int length, Path file) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        while (buf.hasRemaining()) {
            if (ch.read(buf, position + buf.position()) < 0) {
                throw new FormatException(file, "file ends at byte offset " + (position + buf.position())
                        + ", expected " + length + " bytes from offset " + position);
            }
        }
        return buf.flip();
    }

    private static void decode(FileChannel ch, long position, int n, ElementType type, Path file, String what,
                               Decoder decoder) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(CHUNK, (long) n * type.byteSize()))
                .order(ByteOrder.LITTLE_ENDIAN);
        int perChunk = CHUNK / type.byteSize();
        long pos = position;
        for (int i = 0; i < n; ) {
            int count = Math.min(perChunk, n - i);
            buf.clear().limit(count * type.byteSize());
            while (buf.hasRemaining()) {
                int got = ch.read(buf, pos + buf.position());
                if (got < 0) {
                    throw new FormatException(file, what + ": data ends at byte offset " + (pos + buf.position())
                            + ", expected " + (long) n * type.byteSize() + " bytes from offset " + position);
                }
            }
            buf.flip();
            for (int k = 0; k < count; k++, i++) {
                decoder.next(buf, i);
            }
            pos += (long) count * type.byteSize();
        }
    }

    /** IEEE binary16 bits to the equal float. */
    private static float halfToFloat(short h) {
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1F;
        int mantissa = h & 0x3FF;
        if (exponent == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            float subnormal = mantissa * 0x1p-24f;
            return sign == 0 ? subnormal : -subnormal;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }

    /** bfloat16 bits (the top half of a float's bits) to the equal float. */
    private static float bfloat16ToFloat(short h) {
        return Float.intBitsToFloat(h << 16);
    }

    /**
     * Checks that {@code t} can be written as {@code type}: the type is writable, reads back as the tensor's dtype
     * and (for U8) holds every value. Throws {@link IllegalArgumentException} starting with {@code op}.
     */
    static void checkWritable(String op, String name, Tensor t, ElementType type) {
        if (!type.writable() || type.dtype() != t.dtype()) {
            throw new IllegalArgumentException(op + ": cannot write " + name + " (" + t.dtype() + ") as " + type
                    + (type.writable() ? ", which holds " + type.dtype() : ", which Sabre only reads"));
        }
        if (type == ElementType.U8) {
            int[] v = t.toIntArray();
            for (int i = 0; i < v.length; i++) {
                if (v[i] < 0 || v[i] > 255) {
                    throw new IllegalArgumentException(op + ": cannot write " + name + " as U8: element " + i + " is "
                            + v[i] + ", outside 0..255");
                }
            }
        }
    }

    /** Writes the elements of {@code t} (checked with {@link #checkWritable}) as {@code type}, C order. */
    static void write(OutputStream out, Tensor t, ElementType type) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(CHUNK, (long) t.numel() * type.byteSize()))
                .order(ByteOrder.LITTLE_ENDIAN);
        switch (type) {
            case F32 -> {
                float[] a = t.toFloatArray();
                for (float v : a) {
                    drainIfFull(out, buf, 4).putFloat(v);
                }
            }
            case F64 -> {
                double[] a = t.toDoubleArray();
                for (double v : a) {
                    drainIfFull(out, buf, 8).putDouble(v);
                }
            }
            case I32 -> {
                for (int v : t.toIntArray()) {
                    drainIfFull(out, buf, 4).putInt(v);
                }
            }
            case I64 -> {
                for (int v : t.toIntArray()) {
                    drainIfFull(out, buf, 8).putLong(v);
                }
            }
            case U8, BOOL -> {
                for (int v : t.toIntArray()) {
                    drainIfFull(out, buf, 1).put((byte) v);
                }
            }
            default -> throw new AssertionError(type);
        }
        out.write(buf.array(), 0, buf.position());
    }

    private static ByteBuffer drainIfFull(OutputStream out, ByteBuffer buf, int need) throws IOException {
        if (buf.remaining() < need) {
            out.write(buf.array(), 0, buf.position());
            buf.clear();
        }
        return buf;
    }
}
