package sabre.augment;

import sabre.nn.io.FormatException;
import sabre.nn.io.SafeTensors;
import sabre.tensor.Check;
import sabre.tensor.DType;
import sabre.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every training image's sensitive points (pixel positions, row then column), stored compactly: {@code offsets}
 * [N + 1] (image i's points are rows {@code offsets[i] .. offsets[i+1]−1}) and {@code points} [P, 2]. On disk it is
 * one safetensors file with tensors {@code offsets} (I64), {@code points} (I64, [P, 2]) and {@code success} (BOOL,
 * whether the attack fooled the model) and metadata {@code height}, {@code width}, {@code images}.
 *
 * <pre>{@code PointSet p = PointSet.read(path); int[] rc = p.points(17); // r0, c0, r1, c1, ...}</pre>
 */
public final class PointSet {
    private final int height;
    private final int width;
    private final int[] offsets;
    private final int[] coords;
    private final boolean[] success;

    /**
     * @param perImage each image's points as interleaved (row, column) pairs inside {@code height×width}
     * @param success per image, whether the search fooled the model
     */
    public PointSet(int height, int width, List<int[]> perImage, boolean[] success) {
        Check.positive("point set", "image size", height, width);
        Check.arg(perImage.size() == success.length, "point set", "%d point lists but %d success flags",
                perImage.size(), success.length);
        this.height = height;
        this.width = width;
        this.offsets = new int[perImage.size() + 1];
        int total = 0;
        for (int i = 0; i < perImage.size(); i++) {
            int[] p = perImage.get(i);
            Check.arg(p.length % 2 == 0, "point set", "image %d: odd number of coordinates %d", i, p.length);
            total += p.length / 2;
            offsets[i + 1] = total;
        }
        this.coords = new int[2 * total];
        for (int i = 0; i < perImage.size(); i++) {
            int[] p = perImage.get(i);
            for (int k = 0; k < p.length; k += 2) {
                Check.arg(p[k] >= 0 && p[k] < height && p[k + 1] >= 0 && p[k + 1] < width, "point set",
                        "image %d: point (%d, %d) outside %d×%d", i, p[k], p[k + 1], height, width);
            }
            System.arraycopy(p, 0, coords, 2 * offsets[i], p.length);
        }
        this.success = success.clone();
    }

    /** Number of images. */
    public int size() {
        return success.length;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** Image {@code i}'s points as interleaved (row, column) pairs. */
    public int[] points(int i) {
        Check.arg(i >= 0 && i < size(), "point set", "image %d outside 0..%d", i, size() - 1);
        return Arrays.copyOfRange(coords, 2 * offsets[i], 2 * offsets[i + 1]);
    }

    /** Number of points of image {@code i}. */
    public int count(int i) {
        return offsets[i + 1] - offsets[i];
    }

    /** Whether the search fooled the model on image {@code i}. */
    public boolean success(int i) {
        return success[i];
    }

    /** Writes the set atomically, with {@code metadata} added to the file's own. */
    public void write(Path file, Map<String, String> metadata) throws IOException {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("offsets", Tensor.ofInts(offsets, offsets.length));
        t.put("points", Tensor.ofInts(coords, coords.length / 2, 2));
        t.put("success", Tensor.ofBools(success, success.length));
        Map<String, String> meta = new LinkedHashMap<>(metadata);
        meta.put("height", Integer.toString(height));
        meta.put("width", Integer.toString(width));
        meta.put("images", Integer.toString(size()));
        SafeTensors.write(file, t, meta);
    }

    /** Reads a file written by {@link #write}; a missing tensor or inconsistent offsets raise an error naming it. */
    public static PointSet read(Path file) throws IOException {
        SafeTensors.Contents c = SafeTensors.read(file);
        Tensor off = need(c, "offsets", file);
        Tensor pts = need(c, "points", file);
        Tensor ok = need(c, "success", file);
        int h = intMeta(c, "height", file);
        int w = intMeta(c, "width", file);
        int[] o = off.to(DType.INT32).toIntArray();
        int[] xy = pts.to(DType.INT32).toIntArray();
        boolean[] s = toBools(ok.to(DType.INT32).toIntArray());
        if (o.length != s.length + 1 || o[0] != 0 || o[o.length - 1] * 2 != xy.length) {
            throw new FormatException(file, "offsets [" + o.length + "] do not index " + xy.length / 2
                    + " points of " + s.length + " images");
        }
        List<int[]> per = new java.util.ArrayList<>(s.length);
        for (int i = 0; i < s.length; i++) {
            if (o[i + 1] < o[i]) {
                throw new FormatException(file, "offsets decrease at image " + i);
            }
            per.add(Arrays.copyOfRange(xy, 2 * o[i], 2 * o[i + 1]));
        }
        try {
            return new PointSet(h, w, per, s);
        } catch (IllegalArgumentException e) {
            throw new FormatException(file, e.getMessage());
        }
    }

    private static Tensor need(SafeTensors.Contents c, String name, Path file) throws FormatException {
        Tensor t = c.tensors().get(name);
        if (t == null) {
            throw new FormatException(file, "no tensor '" + name + "' (not a points file of sabre advmask generate)");
        }
        return t;
    }

    private static int intMeta(SafeTensors.Contents c, String key, Path file) throws FormatException {
        try {
            return Integer.parseInt(c.metadata().getOrDefault(key, ""));
        } catch (NumberFormatException e) {
            throw new FormatException(file, "metadata '" + key + "' is not an integer: '"
                    + c.metadata().get(key) + "'");
        }
    }

    private static boolean[] toBools(int[] v) {
        boolean[] b = new boolean[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = v[i] != 0;
        }
        return b;
    }
}
