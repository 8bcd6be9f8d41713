package sabre.nn.models;

import sabre.tensor.DType;
import sabre.tensor.Device;
import sabre.tensor.Tensor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Reads {@code reference_models.txt}, written by {@code nn/src/test/python/model_keys.py} from the PyTorch reference
 * architectures: for each model its parameter count and state-dict keys with shapes, and eval-mode logits of small
 * members whose state and input are filled by {@link #fill}, a formula the script computes identically.
 *
 * <pre>{@code List<ReferenceModels.Keys> all = ReferenceModels.keys();}</pre>
 */
final class ReferenceModels {
    private ReferenceModels() {
    }

    /** A reference state dict: key → shape in PyTorch's order, and the parameter count. */
    record Keys(String name, ModelConfig config, long params, Map<String, String> shapes) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Reference logits [batch, classes] (row-major) of a model at a configuration. */
    record Golden(String name, ModelConfig config, int batch, double[] logits) {
        @Override
        public String toString() {
            return name + " " + config.inChannels() + "x" + config.imageSize() + "x" + config.imageSize();
        }
    }

    private static List<String> lines() {
        try (InputStream in = ReferenceModels.class.getResourceAsStream("reference_models.txt");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return r.lines().filter(l -> !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code key=value} fields after the record's name. */
    private static Map<String, String> fields(String[] words) {
        Map<String, String> f = new HashMap<>();
        for (int i = 2; i < words.length; i++) {
            String[] kv = words[i].split("=");
            f.put(kv[0], kv[1]);
        }
        return f;
    }

    private static ModelConfig config(Map<String, String> f) {
        return new ModelConfig(Integer.parseInt(f.get("in")), Integer.parseInt(f.get("size")),
                Integer.parseInt(f.get("classes")));
    }

    static List<Keys> keys() {
        List<String> lines = lines();
        List<Keys> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String[] w = lines.get(i).split(" ");
            if (w[0].equals("model")) {
                Map<String, String> f = fields(w);
                Map<String, String> shapes = new LinkedHashMap<>();
                int n = Integer.parseInt(f.get("keys"));
                for (int j = 1; j <= n; j++) {
                    String line = lines.get(i + j);
                    int space = line.indexOf(' ');
                    shapes.put(line.substring(0, space), line.substring(space + 1));
                }
                out.add(new Keys(w[1], config(f), Long.parseLong(f.get("params")), shapes));
            }
        }
        return out;
    }

    static List<Golden> goldens() {
        List<String> lines = lines();
        List<Golden> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String[] w = lines.get(i).split(" ");
            if (w[0].equals("golden")) {
                Map<String, String> f = fields(w);
                String[] values = lines.get(i + 1).split(" ");
                double[] logits = new double[values.length - 1];
                for (int j = 0; j < logits.length; j++) {
                    logits[j] = Double.parseDouble(values[j + 1]);
                }
                out.add(new Golden(w[1], config(f), Integer.parseInt(f.get("batch")), logits));
            }
        }
        return out;
    }

    /**
     * The script's fill: {@code s_i = sin(0.5 + 0.37·i + 0.11·(crc32(key) mod 997))} over the row-major index,
     * scaled by role — the input is s, running_var 1 + s/4, conv/linear weights s·√(3/fan_in), batch-norm γ
     * 1 + s/4, biases and running means s/10, num_batches_tracked 0.
     */
    static Tensor fill(String key, int[] shape, DType dtype) {
        CRC32 crc = new CRC32();
        crc.update(key.getBytes(StandardCharsets.UTF_8));
        double phase = 0.11 * (crc.getValue() % 997);
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            double s = Math.sin(0.5 + 0.37 * i + phase);
            v[i] = key.equals("input") ? s
                    : key.endsWith("num_batches_tracked") ? 0
                    : key.endsWith("running_var") ? 1 + 0.25 * s
                    : shape.length >= 2 ? s * Math.sqrt(3.0 / (n / shape[0]))
                    : key.endsWith("weight") ? 1 + 0.25 * s
                    : 0.1 * s;
        }
        return Tensor.fromDoubles(Device.defaultDevice(), dtype, v, shape);
    }
}
