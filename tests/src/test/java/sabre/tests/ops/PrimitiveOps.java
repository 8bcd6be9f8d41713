package sabre.tests.ops;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The primitive op set of issue 2, each with how it is verified. Every backend implements these (views and
 * composites are built from them in the tensor layer); the coverage test fails when one lacks a sample, a gradient
 * check (differentiable ops) or an error case.
 */
public final class PrimitiveOps {
    /** How an op's gradient is verified. */
    public enum Kind {
        /** Has a VJP rule: checked by gradcheck in FLOAT64. */
        DIFFERENTIABLE,
        /** Produces masks, indices, random numbers or constants: forward only. */
        NON_DIFFERENTIABLE,
        /** A backward kernel: verified by the gradcheck of the forward op whose VJP calls it. */
        BACKWARD_KERNEL
    }

    /** Catalogue entry: kind, and for backward kernels the forward op whose gradcheck covers it. */
    public record Entry(String name, String family, Kind kind, String coveredBy) {
    }

    private static final Map<String, Entry> OPS = new LinkedHashMap<>();

    static {
        for (String op : new String[] {"neg", "abs", "exp", "log", "sqrt", "rsqrt", "tanh", "sigmoid", "relu",
                "softplus", "clamp", "sign", "floor", "ceil"}) {
            diff(op, "elementwise unary");
        }
        kernel("relu_backward", "elementwise unary", "relu");
        for (String op : new String[] {"add", "sub", "mul", "div", "pow", "maximum", "minimum", "where", "add_relu"}) {
            diff(op, "elementwise binary");
        }
        for (String op : new String[] {"eq", "ne", "lt", "le", "gt", "ge"}) {
            nondiff(op, "comparison");
        }
        for (String op : new String[] {"sum", "mean", "amax", "amin", "max", "min", "var", "norm"}) {
            diff(op, "reduction");
        }
        nondiff("argmax", "reduction");
        nondiff("argmin", "reduction");
        diff("matmul", "linear algebra");
        diff("conv2d", "convolution");
        diff("conv_transpose2d", "convolution");
        kernel("conv2d_input_grad", "convolution", "conv2d");
        kernel("conv2d_weight_grad", "convolution", "conv2d");
        diff("max_pool2d", "pooling");
        diff("avg_pool2d", "pooling");
        diff("adaptive_avg_pool2d", "pooling");
        kernel("max_pool2d_backward", "pooling", "max_pool2d");
        kernel("avg_pool2d_backward", "pooling", "avg_pool2d");
        kernel("adaptive_avg_pool2d_backward", "pooling", "adaptive_avg_pool2d");
        diff("batch_norm", "normalization");
        kernel("batch_norm_backward", "normalization", "batch_norm");
        diff("batch_norm_relu", "normalization");
        kernel("batch_norm_relu_backward", "normalization", "batch_norm_relu");
        diff("softmax", "softmax");
        diff("log_softmax", "softmax");
        diff("cross_entropy", "softmax");
        diff("gather", "indexing");
        diff("scatter_add", "indexing");
        diff("index_select", "indexing");
        diff("topk", "indexing");
        diff("sort", "indexing");
        nondiff("argsort", "indexing");
        nondiff("one_hot", "indexing");
        diff("cat", "layout");
        diff("stack", "layout");
        diff("split", "layout");
        diff("pad", "layout");
        kernel("pad_backward", "layout", "pad");
        diff("upsample_nearest", "resampling");
        diff("upsample_bilinear", "resampling");
        kernel("upsample_nearest_backward", "resampling", "upsample_nearest");
        kernel("upsample_bilinear_backward", "resampling", "upsample_bilinear");
        diff("dropout", "random");
        nondiff("sgd_update", "optimizer"); // no VJP: it is applied to parameters, outside the graph
        nondiff("adam_update", "optimizer");
        for (String op : new String[] {"uniform", "normal", "randint", "bernoulli", "randperm"}) {
            nondiff(op, "random");
        }
        diff("cast", "memory");
        diff("to_device", "memory");
        diff("contiguous", "memory");
        for (String op : new String[] {"full", "arange", "eye"}) {
            nondiff(op, "creation");
        }
        for (String op : new String[] {"reshape", "permute", "expand", "narrow", "slice", "squeeze", "unsqueeze"}) {
            diff(op, "view");
        }
    }

    private PrimitiveOps() {
    }

    private static void diff(String name, String family) {
        OPS.put(name, new Entry(name, family, Kind.DIFFERENTIABLE, null));
    }

    private static void nondiff(String name, String family) {
        OPS.put(name, new Entry(name, family, Kind.NON_DIFFERENTIABLE, null));
    }

    private static void kernel(String name, String family, String coveredBy) {
        OPS.put(name, new Entry(name, family, Kind.BACKWARD_KERNEL, coveredBy));
    }

    /** Every op, in catalogue order. */
    public static Map<String, Entry> all() {
        return OPS;
    }
}
