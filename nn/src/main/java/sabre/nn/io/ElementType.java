package sabre.nn.io;

import sabre.tensor.DType;

/**
 * How elements are stored in a safetensors or npy file (always little-endian), and the Sabre {@link DType} each
 * reads as. Sabre has no 64-bit integer, 8-bit or half-precision type, so:
 * <ul>
 *   <li>{@code I64} reads as INT32, failing (naming the tensor and element) on a value outside the INT32 range;</li>
 *   <li>{@code U8} (images, values 0..255) reads as INT32; {@code .to(DType.FLOAT32).div(255)} scales it;</li>
 *   <li>{@code F16} and {@code BF16} read as FLOAT32 (exactly: every half value is a float); they are not
 *       written.</li>
 * </ul>
 * A tensor is written as a type whose {@link #dtype()} is the tensor's dtype; by default ({@link #of(DType)})
 * FLOAT32 as F32, FLOAT64 as F64, BOOL as BOOL and INT32 as I64, the type PyTorch and NumPy use for labels and
 * counters such as {@code num_batches_tracked}, so every Sabre dtype round-trips unchanged.
 *
 * <pre>{@code Npy.write(path, labels, ElementType.I32); // '<i4' instead of the default '<i8'}</pre>
 */
public enum ElementType {
    /** IEEE half precision, read as FLOAT32. */
    F16("F16", "<f2", 2, DType.FLOAT32, false),
    /** bfloat16 (the top half of a float), read as FLOAT32; NumPy has no such type. */
    BF16("BF16", null, 2, DType.FLOAT32, false),
    /** IEEE single precision: FLOAT32. */
    F32("F32", "<f4", 4, DType.FLOAT32, true),
    /** IEEE double precision: FLOAT64. */
    F64("F64", "<f8", 8, DType.FLOAT64, true),
    /** 32-bit integers: INT32. */
    I32("I32", "<i4", 4, DType.INT32, true),
    /** 64-bit integers, read as INT32 with a range check; the default for writing INT32. */
    I64("I64", "<i8", 8, DType.INT32, true),
    /** Unsigned bytes (images), read as INT32 values 0..255; writing checks that range. */
    U8("U8", "|u1", 1, DType.INT32, true),
    /** One byte per element, 0 or 1. */
    BOOL("BOOL", "|b1", 1, DType.BOOL, true);

    private final String safeTensorsName;
    private final String npyDescr;
    private final int byteSize;
    private final DType dtype;
    private final boolean writable;

    ElementType(String safeTensorsName, String npyDescr, int byteSize, DType dtype, boolean writable) {
        this.safeTensorsName = safeTensorsName;
        this.npyDescr = npyDescr;
        this.byteSize = byteSize;
        this.dtype = dtype;
        this.writable = writable;
    }

    /** The safetensors {@code dtype} string, e.g. {@code "F32"}. */
    public String safeTensorsName() {
        return safeTensorsName;
    }

    /** The NumPy {@code descr}, e.g. {@code "<f4"}; null for BF16. */
    public String npyDescr() {
        return npyDescr;
    }

    /** Bytes per element in the file. */
    public int byteSize() {
        return byteSize;
    }

    /** The Sabre dtype this type reads as, and the dtype a tensor must have to be written as it. */
    public DType dtype() {
        return dtype;
    }

    /** False for F16 and BF16, which Sabre reads but does not write. */
    public boolean writable() {
        return writable;
    }

    /** The default file type for a Sabre dtype (INT32 → I64). */
    public static ElementType of(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> F32;
            case FLOAT64 -> F64;
            case INT32 -> I64;
            case BOOL -> BOOL;
        };
    }

    /** The type with this safetensors name, or null. */
    static ElementType fromSafeTensorsName(String name) {
        for (ElementType t : values()) {
            if (t.safeTensorsName.equals(name)) {
                return t;
            }
        }
        return null;
    }

    /** The type with this NumPy descr (exactly as NumPy writes it, e.g. {@code '|u1'}), or null. */
    static ElementType fromNpyDescr(String descr) {
        for (ElementType t : values()) {
            if (descr.equals(t.npyDescr)) {
                return t;
            }
        }
        return null;
    }
}
