package sabre.kernels.cuda;

import sabre.kernels.device.DeviceRuntime;
import sabre.kernels.device.Types;
import sabre.tensor.DType;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The PTX modules the CUDA backend loads: one per (program, build options) pair that the shared op families
 * launch, named {@code <program>.<T>[.<R>].ptx} under {@code sabre/kernels/cuda/ptx/}. OpenCL compiles these
 * pairs on demand; CUDA needs them ahead of time, so this list is the contract between the Java families, the
 * committed PTX and {@code kernels/cuda/build-ptx.sh} (which runs {@link #main} to learn what to compile). A pair
 * missing here fails at launch with a message naming it.
 *
 * <p>{@link #sourceHash()} is the SHA-256 of the CUDA prelude, {@code common.cl}, every program and this list;
 * each committed PTX records it in its first line, and {@code PtxFreshnessTest} fails when they differ.
 *
 * <pre>{@code java -cp ... sabre.kernels.cuda.PtxVariants   # prints: resource, program, options (tab-separated)}</pre>
 */
public final class PtxVariants {
    /** Folder of the committed PTX on the class path. */
    public static final String FOLDER = "/sabre/kernels/cuda/ptx/";
    /** The first-line marker in each PTX file, followed by the source hash. */
    public static final String HASH_MARKER = "// sabre-sources-sha256 ";
    /** Programs (shared kernel sources, without {@code .cl}). */
    public static final List<String> PROGRAMS = List.of("common", "conv", "elementwise", "gemm", "index", "memory",
            "norm", "pool", "random", "reduce", "resample", "softmax", "sort");

    private static final List<DType> ALL = List.of(DType.FLOAT32, DType.FLOAT64, DType.INT32, DType.BOOL);
    private static final List<DType> NUMERIC = List.of(DType.FLOAT32, DType.FLOAT64, DType.INT32);
    private static final List<DType> FLOATS = List.of(DType.FLOAT32, DType.FLOAT64);

    private static final Map<String, String> BY_KEY = build();

    private PtxVariants() {
    }

    private static Map<String, String> build() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String f : List.of("elementwise", "index", "random", "resample", "sort")) {
            ALL.forEach(t -> put(m, f, Types.of(t)));
        }
        for (String f : List.of("gemm", "reduce")) {
            NUMERIC.forEach(t -> put(m, f, Types.of(t)));
        }
        for (String f : List.of("conv", "norm", "pool", "softmax")) {
            FLOATS.forEach(t -> put(m, f, Types.of(t)));
        }
        NUMERIC.forEach(t -> put(m, "elementwise", Types.of(t, t)));       // unary, type-preserving
        put(m, "elementwise", Types.of(DType.INT32, DType.FLOAT32));       // unary floating function of INT32
        ALL.forEach(t -> put(m, "elementwise", Types.of(t, DType.BOOL)));  // compare
        for (String bits : List.of("uint", "ulong", "uchar")) {              // copy_view moves bits
            put(m, "memory", "-DT=" + bits);
        }
        for (DType from : ALL) {
            for (DType to : ALL) {
                if (from != to) {
                    put(m, "memory", Types.of(from, to));                    // cast
                }
            }
        }
        return m;
    }

    private static void put(Map<String, String> m, String file, String options) {
        m.put(file + '|' + options, file + '.' + String.join(".", typeNames(options)) + ".ptx");
    }

    /** The values of {@code -DT=} and {@code -DR=} in an options string, in that order. */
    private static List<String> typeNames(String options) {
        List<String> out = new ArrayList<>();
        for (String key : List.of("-DT=", "-DR=")) {
            for (String o : options.split(" ")) {
                if (o.startsWith(key)) {
                    out.add(o.substring(key.length()));
                }
            }
        }
        return out;
    }

    /** The PTX resource (file name) for a program built with {@code options}, or null when none is listed. */
    public static String resource(String file, String options) {
        return BY_KEY.get(file + '|' + options);
    }

    /** Every variant as {@code resource \t program \t options}, in a fixed order. */
    public static List<String> lines() {
        List<String> out = new ArrayList<>();
        BY_KEY.forEach((key, res) -> {
            int bar = key.indexOf('|');
            out.add(res + '\t' + key.substring(0, bar) + '\t' + key.substring(bar + 1));
        });
        return out;
    }

    /** SHA-256 (hex) of the CUDA prelude, every program's source and the variant list. */
    public static String sourceHash() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(DeviceRuntime.source("prelude-cuda.h").getBytes(StandardCharsets.UTF_8));
            for (String p : PROGRAMS) {
                md.update(DeviceRuntime.source(p + ".cl").getBytes(StandardCharsets.UTF_8));
            }
            md.update(String.join("\n", lines()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Prints the variants (one per line: resource, program, options, tab-separated); with {@code --hash} prints
     * the source hash instead. Used by {@code build-ptx.sh}.
     *
     * @param args empty, or {@code --hash}
     */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("--hash")) {
            System.out.println(sourceHash());
        } else {
            lines().forEach(System.out::println);
        }
    }
}
