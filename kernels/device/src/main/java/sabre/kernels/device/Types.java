package sabre.kernels.device;

import sabre.tensor.DType;

/**
 * Build options naming a program's element types: {@code T} (the data type), {@code ACC} (the accumulator: double
 * for FLOAT64, float for FLOAT32, int otherwise) and flags {@code T_INT}/{@code T_DOUBLE} for kernels that differ.
 *
 * <pre>{@code Launch.of(rt, "reduce", Types.of(DType.FLOAT32), "reduce_rows")}</pre>
 */
public final class Types {
    private Types() {
    }

    /** The kernel type storing {@code t}. */
    public static String cType(DType t) {
        return switch (t) {
            case FLOAT32 -> "float";
            case FLOAT64 -> "double";
            case INT32 -> "int";
            case BOOL -> "uchar";
        };
    }

    /** Options for a program over one element type. */
    public static String of(DType t) {
        String flag = switch (t) {
            case FLOAT64 -> " -DT_DOUBLE=1 -DT_FLOAT=1";
            case FLOAT32 -> " -DT_FLOAT=1";
            default -> " -DT_INT=1";
        };
        return "-DT=" + cType(t) + " -DACC=" + cType(t == DType.BOOL ? DType.INT32 : t) + flag;
    }

    /** Options for a program reading {@code in} and writing {@code out} (element type {@code R}). */
    public static String of(DType in, DType out) {
        return of(in) + " -DR=" + cType(out) + (out.isFloating() ? " -DR_FLOAT=1" : "")
                + (out == DType.BOOL ? " -DR_BOOL=1" : "");
    }
}
