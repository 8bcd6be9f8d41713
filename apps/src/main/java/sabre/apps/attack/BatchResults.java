package sabre.apps.attack;

import sabre.attacks.AttackResult;
import sabre.attacks.Distances;
import sabre.nn.io.FormatException;
import sabre.nn.io.SafeTensors;
import sabre.tensor.Device;
import sabre.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One batch's attack results (one per output, e.g. per ε) as a safetensors file, written atomically and read back
 * bit for bit: the adversarial images and masks in their own dtype, the per-image labels, targets, predictions,
 * flags, norms (float64) and iterations as tensors {@code <k>.<field>}, and method, ε, targeting and seconds as
 * metadata ({@link Double#toString} round-trips exactly).
 *
 * <pre>{@code BatchResults.write(file, results); List<AttackResult> same = BatchResults.read(file, 2, 4, Device.CPU);}</pre>
 */
final class BatchResults {
    private BatchResults() {
    }

    /** Writes {@code results} (each on any device) to {@code file}. */
    static void write(Path file, List<AttackResult> results) throws IOException {
        Map<String, Tensor> t = new LinkedHashMap<>();
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("results", Integer.toString(results.size()));
        for (int k = 0; k < results.size(); k++) {
            AttackResult r = results.get(k);
            int n = r.size();
            Distances d = r.distances();
            String p = k + ".";
            t.put(p + "adversarial", r.adversarial().to(Device.CPU));
            t.put(p + "masks", r.masks().to(Device.CPU));
            t.put(p + "labels", Tensor.ofInts(r.labels(), n));
            t.put(p + "aimed_at", Tensor.ofInts(r.aimedAt(), n));
            t.put(p + "predicted", Tensor.ofInts(r.predicted(), n));
            t.put(p + "clean_correct", Tensor.ofBools(r.cleanCorrect(), n));
            t.put(p + "success", Tensor.ofBools(r.success(), n));
            t.put(p + "l0_pixels", Tensor.ofInts(d.l0Pixels(), n));
            t.put(p + "l0_elements", Tensor.ofInts(d.l0Elements(), n));
            t.put(p + "l1", Tensor.of(d.l1(), n));
            t.put(p + "l2", Tensor.of(d.l2(), n));
            t.put(p + "linf", Tensor.of(d.linf(), n));
            t.put(p + "iterations", Tensor.ofInts(r.iterations(), n));
            meta.put(p + "method", r.method());
            meta.put(p + "eps", Double.toString(r.eps()));
            meta.put(p + "targeted", Boolean.toString(r.targeted()));
            meta.put(p + "seconds", Double.toString(r.seconds()));
        }
        SafeTensors.write(file, t, meta);
    }

    /**
     * Reads a file written by {@link #write}, expecting {@code outputs} results of {@code size} images each, with the
     * images on {@code device}; any other content raises a {@link FormatException} naming the file and the field.
     */
    static List<AttackResult> read(Path file, int outputs, int size, Device device) throws IOException {
        SafeTensors.Contents c = SafeTensors.read(file);
        Map<String, String> meta = c.metadata();
        if (!Integer.toString(outputs).equals(meta.get("results"))) {
            throw new FormatException(file, "expected " + outputs + " results, found " + meta.get("results"));
        }
        List<AttackResult> out = new ArrayList<>();
        for (int k = 0; k < outputs; k++) {
            Fields f = new Fields(file, c, k + ".", size);
            out.add(new AttackResult(f.text("method"), f.number("eps"), Boolean.parseBoolean(f.text("targeted")),
                    f.images("adversarial").to(device), f.images("masks").to(device), f.tensor("labels").toIntArray(),
                    f.tensor("aimed_at").toIntArray(), f.tensor("predicted").toIntArray(),
                    f.tensor("clean_correct").toBooleanArray(), f.tensor("success").toBooleanArray(),
                    new Distances(f.tensor("l0_pixels").toIntArray(), f.tensor("l0_elements").toIntArray(),
                            f.tensor("l1").toDoubleArray(), f.tensor("l2").toDoubleArray(),
                            f.tensor("linf").toDoubleArray()),
                    f.tensor("iterations").toIntArray(), f.number("seconds")));
        }
        return out;
    }

    /** The fields of result {@code prefix} in a file, each checked to be present and of {@code size} images. */
    private record Fields(Path file, SafeTensors.Contents c, String prefix, int size) {
        Tensor tensor(String name) throws FormatException {
            Tensor t = images(name);
            if (t.dim() != 1) {
                throw new FormatException(file, "tensor '" + prefix + name + "': expected one value per image");
            }
            return t;
        }

        Tensor images(String name) throws FormatException {
            Tensor t = c.tensors().get(prefix + name);
            if (t == null || t.dim() == 0 || t.shape(0) != size) {
                throw new FormatException(file, "tensor '" + prefix + name + "': expected " + size + " images, found "
                        + (t == null ? "none" : Arrays.toString(t.shape())));
            }
            return t;
        }

        String text(String name) throws FormatException {
            String v = c.metadata().get(prefix + name);
            if (v == null) {
                throw new FormatException(file, "metadata '" + prefix + name + "' is missing");
            }
            return v;
        }

        double number(String name) throws FormatException {
            String v = text(name);
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new FormatException(file, "metadata '" + prefix + name + "': expected a number, found " + v);
            }
        }
    }
}
