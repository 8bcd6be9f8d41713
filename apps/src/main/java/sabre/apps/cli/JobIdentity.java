package sabre.apps.cli;

import sabre.apps.attack.Inputs;
import sabre.tensor.DType;
import sabre.tensor.Tensor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What identifies the model and the images of an attacking job, as written into its settings (so that a finished or
 * half-finished job is reused only for the same model and images): the SHA-256 of the weights file, the number of
 * images and the SHA-256 of their pixels, labels and indices (and of given targets).
 *
 * <pre>{@code Map<String, Object> id = JobIdentity.of(source, loaded.inputs(), request.targets());}</pre>
 */
final class JobIdentity {
    private JobIdentity() {
    }

    /** {@code weights_sha256}, {@code images}, {@code inputs_sha256} and, with given targets, {@code targets_sha256}. */
    static Map<String, Object> of(ModelSource source, Inputs in, Tensor targets) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        Path weights = source.weightsFile();
        m.put("weights_sha256", weights == null ? null : hex(digest().digest(Files.readAllBytes(weights))));
        m.put("images", in.size());
        MessageDigest d = digest();
        update(d, in.images());
        update(d, in.labels());
        ByteBuffer index = ByteBuffer.allocate(4 * in.size());
        index.asIntBuffer().put(in.index());
        d.update(index);
        m.put("inputs_sha256", hex(d.digest()));
        if (targets != null) {
            MessageDigest t = digest();
            update(t, targets);
            m.put("targets_sha256", hex(t.digest()));
        }
        return m;
    }

    /** A tensor's values as float32 into the digest (exact for images and for class indices below 2^24). */
    private static void update(MessageDigest d, Tensor t) {
        float[] v = t.to(DType.FLOAT32).toFloatArray();
        ByteBuffer chunk = ByteBuffer.allocate(4 << 16);
        for (int at = 0; at < v.length; at += 1 << 16) {
            int len = Math.min(1 << 16, v.length - at);
            chunk.clear();
            chunk.asFloatBuffer().put(v, at, len);
            d.update(chunk.array(), 0, 4 * len);
        }
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
