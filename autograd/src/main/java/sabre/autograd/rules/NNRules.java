package sabre.autograd.rules;

import sabre.autograd.BatchNormVar;
import sabre.autograd.Graph;
import sabre.autograd.Var;
import sabre.tensor.BatchNormGrads;
import sabre.tensor.BatchNormResult;
import sabre.tensor.Conv2dParams;
import sabre.tensor.Functional;
import sabre.tensor.Generator;
import sabre.tensor.Pool2dParams;
import sabre.tensor.Shape;
import sabre.tensor.Tensor;
import sabre.tensor.ValuesIndices;

import java.util.ArrayList;
import java.util.List;

/**
 * VJP rules of the neural-network ops: convolution, pooling, batch norm, softmax family, cross-entropy,
 * resampling and dropout. Optional operands (bias, affine weights) may be null.
 *
 * <pre>{@code Var y = NNRules.conv2d(x, w, b, Conv2dParams.of(1, 1));}</pre>
 */
public final class NNRules {
    private NNRules() {
    }

    /** Inputs without the null ones, for recording. */
    private static Var[] present(Var... vars) {
        List<Var> out = new ArrayList<>();
        for (Var v : vars) {
            if (v != null) {
                out.add(v);
            }
        }
        return out.toArray(Var[]::new);
    }

    /** Gradients aligned with {@link #present}: drops the entries whose var was null. */
    private static Tensor[] align(Var[] vars, Tensor... grads) {
        List<Tensor> out = new ArrayList<>();
        for (int i = 0; i < vars.length; i++) {
            if (vars[i] != null) {
                out.add(grads[i]);
            }
        }
        return out.toArray(Tensor[]::new);
    }

    /** Which of the possibly-null vars need a gradient, given the needs of the present ones. */
    private static boolean[] spread(Var[] vars, boolean[] needs) {
        boolean[] out = new boolean[vars.length];
        for (int i = 0, j = 0; i < vars.length; i++) {
            out[i] = vars[i] != null && needs[j++];
        }
        return out;
    }

    private static String describe(Conv2dParams p) {
        return "stride=" + p.strideH() + "x" + p.strideW() + " pad=" + p.padH() + "x" + p.padW() + " dil="
                + p.dilationH() + "x" + p.dilationW() + " groups=" + p.groups();
    }

    /** 2-D convolution; {@code bias} may be null. */
    public static Var conv2d(Var x, Var w, Var b, Conv2dParams p) {
        Tensor xv = x.value();
        Tensor wv = w.value();
        Tensor y = Functional.conv2d(xv, wv, b == null ? null : b.value(), p);
        Var[] all = {x, w, b};
        // dx = conv2d_input_grad(g, w); dw = conv2d_weight_grad(g, x); db = Σ_{n,h,w} g
        return Graph.record("conv2d", y, describe(p), (g, needs) -> {
            boolean[] n = spread(all, needs);
            return align(all,
                    n[0] ? Functional.conv2dInputGrad(g, wv, xv.shape(), p) : null,
                    n[1] ? Functional.conv2dWeightGrad(g, xv, wv.shape(), p) : null,
                    n[2] ? g.sum(new int[] {0, 2, 3}, false) : null);
        }, present(all));
    }

    /** Transposed convolution (weight [Cin, Cout/groups, kH, kW]); {@code bias} may be null. */
    public static Var convTranspose2d(Var x, Var w, Var b, Conv2dParams p, int outputPadH, int outputPadW) {
        Tensor xv = x.value();
        Tensor wv = w.value();
        Tensor y = Functional.convTranspose2d(xv, wv, b == null ? null : b.value(), p, outputPadH, outputPadW);
        Var[] all = {x, w, b};
        // it is conv2d's input gradient, so: dx = conv2d(g, w); dw = conv2d_weight_grad(x, g); db = Σ g. With
        // output padding ≥ stride conv2d(g) is larger than x (x was zero-padded): dx keeps x's top-left part.
        Tensor xp = Functional.convTranspose2dPaddedInput(xv, y.shape(), wv.shape(), p);
        return Graph.record("conv_transpose2d", y, describe(p), (g, needs) -> {
            boolean[] n = spread(all, needs);
            return align(all,
                    n[0] ? Functional.conv2d(g, wv, null, p).narrow(2, 0, xv.shape(2)).narrow(3, 0, xv.shape(3))
                            : null,
                    n[1] ? Functional.conv2dWeightGrad(xp, g, wv.shape(), p) : null,
                    n[2] ? g.sum(new int[] {0, 2, 3}, false) : null);
        }, present(all));
    }

    private static String describe(Pool2dParams p) {
        return "k=" + p.kernelH() + "x" + p.kernelW() + " stride=" + p.strideH() + "x" + p.strideW() + " pad="
                + p.padH() + "x" + p.padW() + (p.ceilMode() ? " ceil" : "");
    }

    /** Max pooling: dx = g routed to each window's maximum. */
    public static Var maxPool2d(Var x, Pool2dParams p) {
        Tensor xv = x.value();
        ValuesIndices r = Functional.maxPool2d(xv, p);
        return Graph.record("max_pool2d", r.values(), describe(p), (g, needs) -> new Tensor[] {
                Functional.maxPool2dBackward(g, r.indices(), xv.shape())}, x);
    }

    /** Average pooling: dx = g spread evenly over each window. */
    public static Var avgPool2d(Var x, Pool2dParams p, boolean countIncludePad) {
        Tensor xv = x.value();
        Tensor y = Functional.avgPool2d(xv, p, countIncludePad);
        return Graph.record("avg_pool2d", y, describe(p), (g, needs) -> new Tensor[] {
                Functional.avgPool2dBackward(g, xv.shape(), p, countIncludePad)}, x);
    }

    /** Adaptive average pooling to {@code outH × outW}. */
    public static Var adaptiveAvgPool2d(Var x, int outH, int outW) {
        Tensor xv = x.value();
        Tensor y = Functional.adaptiveAvgPool2d(xv, outH, outW);
        return Graph.record("adaptive_avg_pool2d", y, outH + "x" + outW, (g, needs) -> new Tensor[] {
                Functional.adaptiveAvgPool2dBackward(g, xv.shape())}, x);
    }

    /** Batch norm; the statistics it used come back beside the output (for running-average updates). */
    public static BatchNormVar batchNorm(Var x, Var weight, Var bias, Tensor runningMean, Tensor runningVar,
                                         boolean training, double eps) {
        Tensor xv = x.value();
        Tensor wv = weight == null ? null : weight.value();
        BatchNormResult r = Functional.batchNorm(xv, wv, bias == null ? null : bias.value(), runningMean, runningVar,
                training, eps);
        Var[] all = {x, weight, bias};
        // training: dx = γ·invStd/M·(M·g − Σg − x̂·Σ(g·x̂)); eval: dx = γ·invStd·g; dγ = Σ g·x̂; dβ = Σ g
        Var y = Graph.record("batch_norm", r.output(), (training ? "train" : "eval") + " eps=" + eps, (g, needs) -> {
            BatchNormGrads d = Functional.batchNormBackward(g, xv, wv, r.mean(), r.invStd(), training);
            return align(all, d.input(), d.weight(), d.bias());
        }, present(all));
        return new BatchNormVar(y, r.mean(), r.invStd());
    }

    /**
     * {@code relu(batchNorm(x))} as one node: it saves x and the output y (not the batch-norm output in between)
     * and its backward is batch norm's of the gradient masked by y > 0.
     *
     * <pre>{@code Var h = NNRules.batchNormRelu(x, gamma, beta, null, null, true, 1e-5).output();}</pre>
     */
    public static BatchNormVar batchNormRelu(Var x, Var weight, Var bias, Tensor runningMean, Tensor runningVar,
                                             boolean training, double eps) {
        Tensor xv = x.value();
        Tensor wv = weight == null ? null : weight.value();
        BatchNormResult r = Functional.batchNormRelu(xv, wv, bias == null ? null : bias.value(), runningMean,
                runningVar, training, eps);
        Tensor y = r.output();
        Var[] all = {x, weight, bias};
        Var out = Graph.record("batch_norm_relu", y, (training ? "train" : "eval") + " eps=" + eps, (g, needs) -> {
            BatchNormGrads d = Functional.batchNormReluBackward(g, y, xv, wv, r.mean(), r.invStd(), training);
            return align(all, d.input(), d.weight(), d.bias());
        }, present(all));
        return new BatchNormVar(out, r.mean(), r.invStd());
    }

    /** Softmax along {@code axis}: dx = y·(g − Σ g·y). */
    public static Var softmax(Var x, int axis) {
        Tensor y = x.value().softmax(axis);
        int a = Shape.axis("softmax", axis, y.dim());
        return Graph.record("softmax", y, "axis=" + a, (g, needs) -> new Tensor[] {
                y.mul(g.sub(g.mul(y).sum(new int[] {a}, true)))}, x);
    }

    /** Log-softmax along {@code axis}: dx = g − softmax(x)·Σ g. */
    public static Var logSoftmax(Var x, int axis) {
        Tensor y = x.value().logSoftmax(axis);
        int a = Shape.axis("log_softmax", axis, y.dim());
        return Graph.record("log_softmax", y, "axis=" + a, (g, needs) -> new Tensor[] {
                g.sub(y.exp().mul(g.sum(new int[] {a}, true)))}, x);
    }

    /** Per-sample cross-entropy with label smoothing ε: dlogits = (softmax − q)·g, q = (1−ε)·onehot + ε/C. */
    public static Var crossEntropy(Var logits, Tensor target, double labelSmoothing) {
        Tensor lv = logits.value();
        Tensor y = Functional.crossEntropy(lv, target, labelSmoothing);
        int c = lv.shape(1);
        return Graph.record("cross_entropy", y, "label_smoothing=" + labelSmoothing, (g, needs) -> {
            Tensor q = Tensor.oneHot(target, c, lv.dtype()).mul(1 - labelSmoothing).add(labelSmoothing / c);
            return new Tensor[] {lv.softmax(1).sub(q).mul(g.unsqueeze(1))};
        }, logits);
    }

    /** Nearest resize: dx = g summed over the copies of each source pixel. */
    public static Var upsampleNearest(Var x, int outH, int outW) {
        Tensor xv = x.value();
        return Graph.record("upsample_nearest", Functional.upsampleNearest(xv, outH, outW), outH + "x" + outW,
                (g, needs) -> new Tensor[] {Functional.upsampleNearestBackward(g, xv.shape())}, x);
    }

    /** Bilinear resize: dx = g distributed with the interpolation weights. */
    public static Var upsampleBilinear(Var x, int outH, int outW, boolean alignCorners) {
        Tensor xv = x.value();
        return Graph.record("upsample_bilinear", Functional.upsampleBilinear(xv, outH, outW, alignCorners),
                outH + "x" + outW + (alignCorners ? " align_corners" : ""),
                (g, needs) -> new Tensor[] {Functional.upsampleBilinearBackward(g, xv.shape(), alignCorners)}, x);
    }

    /** Inverted dropout with a mask drawn from {@code gen}: y = x·m, dx = g·m, m ∈ {0, 1/(1−p)}. */
    public static Var dropout(Var x, double p, Generator gen) {
        Tensor mask = Functional.dropoutMask(gen, x.value(), p);
        return Graph.record("dropout", x.value().mul(mask), "p=" + p, (g, needs) -> new Tensor[] {g.mul(mask)}, x);
    }
}
