package sabre.nn.io;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Hand assembly of little-endian test files, independent of the code under test.
 *
 * <pre>{@code byte[] file = new Bytes().u64(16).ascii("{}").f32(1.5f).toArray();}</pre>
 */
final class Bytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Bytes raw(int... bytes) {
        for (int b : bytes) {
            out.write(b);
        }
        return this;
    }

    Bytes ascii(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    Bytes u16(int v) {
        return put(ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) v));
    }

    Bytes u32(long v) {
        return put(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v));
    }

    Bytes u64(long v) {
        return put(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v));
    }

    Bytes i32(int v) {
        return u32(v);
    }

    Bytes f32(float v) {
        return put(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(v));
    }

    Bytes f64(double v) {
        return put(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(v));
    }

    /** A safetensors header: its length, then the JSON padded with spaces to a multiple of 8. */
    Bytes safetensorsHeader(String json) {
        String padded = json + " ".repeat((8 - json.length() % 8) % 8);
        return u64(padded.length()).ascii(padded);
    }

    /** An npy preamble and header: magic, version {@code major}.0, length field, dict padded to 64 with a newline. */
    Bytes npyHeader(int major, String dict) {
        int lengthBytes = major == 1 ? 2 : 4;
        int text = dict.length() + 1;
        int total = text + (64 - (8 + lengthBytes + text) % 64) % 64;
        raw(0x93).ascii("NUMPY").raw(major, 0);
        Bytes withLength = major == 1 ? u16(total) : u32(total);
        return withLength.ascii(dict + " ".repeat(total - text) + "\n");
    }

    private Bytes put(ByteBuffer b) {
        out.writeBytes(b.array());
        return this;
    }

    byte[] toArray() {
        return out.toByteArray();
    }
}
