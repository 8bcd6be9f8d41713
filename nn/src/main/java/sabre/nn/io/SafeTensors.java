package sabre.nn.io;

import sabre.tensor.Tensor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the safetensors format used by Hugging Face and PyTorch: an 8-byte little-endian header length
 * {@code N}, {@code N} bytes of UTF-8 JSON {@code {name: {"dtype", "shape", "data_offsets": [begin, end]}, ...,
 * "__metadata__": {string: string}}}, then the data buffer (each tensor little-endian, C order, at its offsets).
 *
 * <p>Types follow {@link ElementType}: F32, F64, I32, I64, U8, BOOL, F16 and BF16 are read (I64 and U8 as INT32,
 * F16/BF16 as FLOAT32); tensors are written as F32, F64, BOOL and (INT32) I64, so PyTorch receives int64 just as
 * for its own {@code num_batches_tracked}. A damaged file raises {@link FormatException} naming the file and the
 * offending offset or field; nothing is allocated beyond what the file's length allows.
 *
 * <p>Layout written: the compact ASCII JSON header lists {@code __metadata__} first (omitted when empty), then the
 * tensors in map order with fields {@code dtype, shape, data_offsets}, padded with spaces to a multiple of 8 bytes;
 * the data follows in the same order with no gaps. Writes are atomic ({@link AtomicFiles}).
 *
 * <pre>{@code
 * SafeTensors.write(path, model.stateDict(), Map.of("epoch", "3"));
 * SafeTensors.Contents c = SafeTensors.read(path); model.loadStateDict(c.tensors(), true);
 * }</pre>
 */
public final class SafeTensors {
    private SafeTensors() {
    }

    /** The tensors of a file in header order, and its {@code __metadata__} (empty when absent); both read-only. */
    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {
        public Contents {
            tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
            metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        }
    }

    /** Reads every tensor and the metadata of {@code file}. */
    public static Contents read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            SafeTensorsHeader header = SafeTensorsHeader.read(ch, file);
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (SafeTensorsHeader.Entry e : header.entries()) {
                tensors.put(e.name(), TensorBytes.read(ch, header.dataStart() + e.begin(), e.type(), e.shape(), file,
                        "tensor '" + e.name() + "'"));
            }
            return new Contents(tensors, header.metadata());
        }
    }

    /**
     * Atomically writes {@code tensors} (in map order) and {@code metadata} to {@code file}. Throws
     * {@link IllegalArgumentException} for a tensor named {@code __metadata__} or a null key or value.
     */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata)
            throws IOException {
        Map<String, Object> header = new LinkedHashMap<>();
        if (!metadata.isEmpty()) {
            metadata.forEach((k, v) -> {
                if (k == null || v == null) {
                    throw new IllegalArgumentException("safetensors: metadata entry " + k + " = " + v + " is null");
                }
            });
            header.put(SafeTensorsHeader.METADATA_KEY, new LinkedHashMap<>(metadata));
        }
        List<Tensor> order = new ArrayList<>();
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            String name = e.getKey();
            Tensor t = e.getValue();
            if (name == null || t == null) {
                throw new IllegalArgumentException("safetensors: tensor entry " + name + " = " + t + " is null");
            }
            if (name.equals(SafeTensorsHeader.METADATA_KEY)) {
                throw new IllegalArgumentException("safetensors: the name '" + name + "' is reserved for metadata");
            }
            ElementType type = ElementType.of(t.dtype());
            long end = offset + (long) t.numel() * type.byteSize();
            List<Long> shape = new ArrayList<>();
            for (int d : t.shape()) {
                shape.add((long) d);
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("dtype", type.safeTensorsName());
            fields.put("shape", shape);
            fields.put("data_offsets", List.of(offset, end));
            header.put(name, fields);
            order.add(t);
            offset = end;
        }
        byte[] json = JsonWriter.write(header).getBytes(StandardCharsets.US_ASCII);
        int padded = (json.length + 7) / 8 * 8;
        AtomicFiles.write(file, out -> {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array());
            out.write(json);
            out.write(" ".repeat(padded - json.length).getBytes(StandardCharsets.US_ASCII));
            for (Tensor t : order) {
                TensorBytes.write(out, t, ElementType.of(t.dtype()));
            }
        });
    }
}
