package sabre.tests;

import com.fasterxml.jackson.databind.JsonNode;
import sabre.autograd.BatchNormVar;
import sabre.autograd.F;
import sabre.autograd.Var;
import sabre.autograd.VarIndices;
import sabre.tensor.Conv2dParams;
import sabre.tensor.Functional;
import sabre.tensor.PadMode;
import sabre.tensor.Pool2dParams;
import sabre.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Dispatch from a golden case's op name and attributes (see {@code tests/golden/generate_goldens.py}) to the Sabre
 * autograd front end. Each op returns its differentiable output {@code "out"} and any extra outputs the fixture
 * records (max-pool / topk / sort indices, batch-norm statistics), named as in the fixture.
 */
final class GoldenOps {
    private GoldenOps() {
    }

    /** The inputs of one case: floating ones as vars (params when differentiated), integer ones as tensors. */
    interface Inputs {
        Var var(String name);

        /** A floating input that may be absent (optional bias, affine weights): null then. */
        Var optionalVar(String name);

        /** An integer (index / target) input, or a floating one used as a constant. */
        Tensor tensor(String name);

        boolean has(String name);
    }

    /** The differentiable output and the extra, non-differentiated outputs. */
    record Result(Var out, Map<String, Tensor> extra) {
        static Result of(Var out) {
            return new Result(out, Map.of());
        }

        static Result of(Var out, String name, Tensor t) {
            Map<String, Tensor> m = new LinkedHashMap<>();
            m.put(name, t);
            return new Result(out, m);
        }
    }

    static Result run(String op, JsonNode a, Inputs in) {
        return switch (op) {
            // ---------------------------------------------------------- convolution
            case "conv2d" -> Result.of(F.conv2d(in.var("input"), in.var("weight"), in.optionalVar("bias"),
                    convParams(a)));
            case "conv_transpose2d" -> {
                int[] outPad = ints(a, "output_padding");
                yield Result.of(F.convTranspose2d(in.var("input"), in.var("weight"), in.optionalVar("bias"),
                        convParams(a), outPad[0], outPad[1]));
            }
            // ---------------------------------------------------------- pooling
            case "max_pool2d" -> {
                Pool2dParams p = poolParams(a, ints(a, "dilation"));
                Var x = in.var("input");
                // the autograd front end returns values only; the positions come from the tensor-level op
                yield Result.of(F.maxPool2d(x, p), "indices", Functional.maxPool2d(x.value(), p).indices());
            }
            case "avg_pool2d" -> Result.of(F.avgPool2d(in.var("input"), poolParams(a, new int[] {1, 1}),
                    a.get("count_include_pad").asBoolean()));
            case "adaptive_avg_pool2d" -> {
                int[] size = ints(a, "output_size");
                yield Result.of(F.adaptiveAvgPool2d(in.var("input"), size[0], size[1]));
            }
            // ---------------------------------------------------------- batch norm
            case "batch_norm" -> {
                boolean training = a.get("training").asBoolean();
                BatchNormVar r = F.batchNorm(in.var("input"), in.optionalVar("weight"), in.optionalVar("bias"),
                        in.has("running_mean") ? in.tensor("running_mean") : null,
                        in.has("running_var") ? in.tensor("running_var") : null, training,
                        a.get("eps").asDouble());
                if (!training) {
                    yield Result.of(r.output());
                }
                Map<String, Tensor> extra = new LinkedHashMap<>();
                extra.put("mean", r.mean());
                extra.put("invstd", r.invStd());
                yield new Result(r.output(), extra);
            }
            // ---------------------------------------------------------- softmax family, loss
            case "softmax" -> Result.of(F.softmax(in.var("input"), a.get("axis").asInt()));
            case "log_softmax" -> Result.of(F.logSoftmax(in.var("input"), a.get("axis").asInt()));
            case "cross_entropy" -> Result.of(F.crossEntropy(in.var("input"), in.tensor("target"),
                    a.get("label_smoothing").asDouble(),
                    F.Reduction.valueOf(a.get("reduction").asText().toUpperCase(Locale.ROOT))));
            // ---------------------------------------------------------- ordering and indexing
            case "topk" -> {
                VarIndices r = in.var("input").topk(a.get("k").asInt(), a.get("axis").asInt(),
                        a.get("largest").asBoolean(), a.get("sorted").asBoolean());
                yield Result.of(r.values(), "indices", r.indices());
            }
            case "sort" -> {
                VarIndices r = in.var("input").sort(a.get("axis").asInt(), a.get("descending").asBoolean());
                yield Result.of(r.values(), "indices", r.indices());
            }
            case "gather" -> Result.of(in.var("input").gather(a.get("axis").asInt(), in.tensor("index")));
            case "scatter_add" -> Result.of(in.var("input").scatterAdd(a.get("axis").asInt(), in.tensor("index"),
                    in.var("src")));
            case "index_select" -> Result.of(in.var("input").indexSelect(a.get("axis").asInt(),
                    in.tensor("index")));
            // ---------------------------------------------------------- resampling and padding
            case "upsample_nearest" -> {
                int[] size = ints(a, "size");
                yield Result.of(F.upsampleNearest(in.var("input"), size[0], size[1]));
            }
            case "upsample_bilinear" -> {
                int[] size = ints(a, "size");
                yield Result.of(F.upsampleBilinear(in.var("input"), size[0], size[1],
                        a.get("align_corners").asBoolean()));
            }
            case "pad" -> Result.of(in.var("input").pad(ints(a, "pads"),
                    PadMode.valueOf(a.get("mode").asText().toUpperCase(Locale.ROOT)), a.get("value").asDouble()));
            // ---------------------------------------------------------- matmul and elementwise
            case "matmul" -> Result.of(in.var("a").matmul(in.var("b")));
            case "mul" -> Result.of(in.var("a").mul(in.var("b")));
            case "sub" -> Result.of(in.var("a").sub(in.var("b")));
            case "div" -> Result.of(in.var("a").div(in.var("b")));
            case "pow" -> Result.of(in.var("a").pow(in.var("b")));
            case "maximum" -> Result.of(in.var("a").maximum(in.var("b")));
            case "pow_scalar" -> Result.of(in.var("input").pow(a.get("exponent").asDouble()));
            case "tanh" -> Result.of(in.var("input").tanh());
            case "sigmoid" -> Result.of(in.var("input").sigmoid());
            case "softplus" -> Result.of(in.var("input").softplus());
            // ---------------------------------------------------------- reductions (empty axes: all)
            case "var" -> Result.of(in.var("input").var(ints(a, "axes"), 1, keepDim(a)));
            case "norm" -> Result.of(in.var("input").norm(order(a.get("p")), ints(a, "axes"), keepDim(a)));
            case "amax" -> Result.of(in.var("input").amax(ints(a, "axes"), keepDim(a)));
            case "mean" -> Result.of(in.var("input").mean(ints(a, "axes"), keepDim(a)));
            case "sum" -> Result.of(in.var("input").sum(ints(a, "axes"), keepDim(a)));
            default -> throw new IllegalArgumentException("golden op '" + op + "' has no Sabre dispatch");
        };
    }

    private static Conv2dParams convParams(JsonNode a) {
        int[] s = ints(a, "stride");
        int[] p = ints(a, "padding");
        int[] d = ints(a, "dilation");
        return new Conv2dParams(s[0], s[1], p[0], p[1], d[0], d[1], a.get("groups").asInt());
    }

    private static Pool2dParams poolParams(JsonNode a, int[] dilation) {
        int[] k = ints(a, "kernel");
        int[] s = ints(a, "stride");
        int[] p = ints(a, "padding");
        return new Pool2dParams(k[0], k[1], s[0], s[1], p[0], p[1], dilation[0], dilation[1],
                a.get("ceil_mode").asBoolean());
    }

    private static boolean keepDim(JsonNode a) {
        return a.get("keepdim").asBoolean();
    }

    /** A norm order: a number, or the string "inf". */
    private static double order(JsonNode p) {
        return p.isTextual() && p.asText().equals("inf") ? Double.POSITIVE_INFINITY : p.asDouble();
    }

    static int[] ints(JsonNode a, String field) {
        JsonNode arr = a.get(field);
        if (arr == null || !arr.isArray()) {
            throw new IllegalArgumentException("golden attribute '" + field + "' missing or not a list: " + a);
        }
        int[] out = new int[arr.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = arr.get(i).asInt();
        }
        return out;
    }
}
