package sabre.tensor;

import java.util.Arrays;

/**
 * Neural-network primitives on plain tensors (no autograd): convolution and its gradient kernels, pooling, batch
 * norm, cross-entropy, resampling and dropout. Shapes are NCHW. Every function validates its arguments and names
 * the op and the offending shapes when it refuses them.
 *
 * <pre>{@code Tensor y = Functional.conv2d(x, w, b, Conv2dParams.of(1, 1));}</pre>
 */
public final class Functional {
    private Functional() {
    }

    // ---------------------------------------------------------------- convolution

    /** 2-D cross-correlation; {@code bias} may be null. */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, Conv2dParams p) {
        int[] outShape = conv2dOutputShape("conv2d", input.shape(), weight.shape(), p);
        Check.floating("conv2d", input);
        Check.arg(input.dtype() == weight.dtype(), "conv2d", "input is %s but weight is %s", input.dtype(),
                weight.dtype());
        Check.sameDevice("conv2d", input, weight);
        checkBias("conv2d", bias, input, weight.shape(0));
        Shape.numel("conv2d", outShape);
        return input.backend().conv().conv2d(input, weight, bias, p);
    }

    /** ∂L/∂input of conv2d for an input of {@code inputShape}. */
    public static Tensor conv2dInputGrad(Tensor gradOutput, Tensor weight, int[] inputShape, Conv2dParams p) {
        Shape.numel("conv2d_input_grad", inputShape);
        int[] outShape = conv2dOutputShape("conv2d_input_grad", inputShape, weight.shape(), p);
        checkGradShape("conv2d_input_grad", gradOutput, outShape, weight);
        return gradOutput.backend().conv().conv2dInputGrad(gradOutput, weight, inputShape.clone(), p);
    }

    /** ∂L/∂weight of conv2d for a weight of {@code weightShape}. */
    public static Tensor conv2dWeightGrad(Tensor gradOutput, Tensor input, int[] weightShape, Conv2dParams p) {
        Shape.numel("conv2d_weight_grad", weightShape);
        int[] outShape = conv2dOutputShape("conv2d_weight_grad", input.shape(), weightShape, p);
        checkGradShape("conv2d_weight_grad", gradOutput, outShape, input);
        return gradOutput.backend().conv().conv2dWeightGrad(gradOutput, input, weightShape.clone(), p);
    }

    /**
     * Transposed convolution (the adjoint of conv2d): weight is [Cin, Cout/groups, kH, kW], output size
     * {@code (in−1)·stride − 2·pad + dil·(k−1) + outputPadding + 1}. Computed with the conv2d input-gradient kernel.
     */
    public static Tensor convTranspose2d(Tensor input, Tensor weight, Tensor bias, Conv2dParams p,
                                         int outputPadH, int outputPadW) {
        int[] outShape = convTranspose2dOutputShape(input.shape(), weight.shape(), p, outputPadH, outputPadW);
        Check.floating("conv_transpose2d", input);
        Shape.numel("conv_transpose2d", outShape);
        Check.arg(input.dtype() == weight.dtype(), "conv_transpose2d", "input is %s but weight is %s", input.dtype(),
                weight.dtype());
        Tensor out = conv2dInputGrad(convTranspose2dPaddedInput(input, outShape, weight.shape(), p), weight,
                outShape, p);
        if (bias != null) {
            checkBias("conv_transpose2d", bias, input, outShape[1]);
            out = out.add(bias.reshape(1, -1, 1, 1));
        }
        return out;
    }

    /**
     * The conv_transpose2d input as the conv2d input-gradient kernel needs it. With output padding ≥ stride (allowed
     * when the dilation is larger) conv2d of the output has {@code floor(outputPad/stride)} more rows (columns) than
     * the input; no input position reaches them, so the input is zero-padded at the bottom (right) to that size.
     * The input itself when no padding is needed.
     */
    public static Tensor convTranspose2dPaddedInput(Tensor input, int[] outShape, int[] weightShape, Conv2dParams p) {
        int[] full = conv2dOutputShape("conv_transpose2d", outShape, weightShape, p);
        int extraH = full[2] - input.shape(2);
        int extraW = full[3] - input.shape(3);
        return extraH == 0 && extraW == 0 ? input : input.pad(0, extraW, 0, extraH);
    }

    /** Output NCHW shape of conv_transpose2d, validating every argument. */
    public static int[] convTranspose2dOutputShape(int[] input, int[] weight, Conv2dParams p, int outPadH,
                                                   int outPadW) {
        String op = "conv_transpose2d";
        Check.arg(input.length == 4 && weight.length == 4, op, "expected 4-D input and weight, found %s and %s",
                Shape.str(input), Shape.str(weight));
        Check.arg(input[1] == weight[0], op, "input %s has %d channels but weight %s expects %d", Shape.str(input),
                input[1], Shape.str(weight), weight[0]);
        Check.arg(weight[0] % p.groups() == 0, op, "%d input channels not divisible by groups %d", weight[0],
                p.groups());
        Check.arg(outPadH >= 0 && outPadW >= 0 && (outPadH < p.strideH() || outPadH < p.dilationH())
                        && (outPadW < p.strideW() || outPadW < p.dilationW()), op,
                "output padding (%d, %d) must be smaller than stride or dilation", outPadH, outPadW);
        int h = (input[2] - 1) * p.strideH() - 2 * p.padH() + p.dilationH() * (weight[2] - 1) + outPadH + 1;
        int w = (input[3] - 1) * p.strideW() - 2 * p.padW() + p.dilationW() * (weight[3] - 1) + outPadW + 1;
        Check.arg(h > 0 && w > 0, op, "input %s and weight %s give an empty output %dx%d", Shape.str(input),
                Shape.str(weight), h, w);
        return new int[] {input[0], weight[1] * p.groups(), h, w};
    }

    /** Output NCHW shape of conv2d, validating every argument. */
    public static int[] conv2dOutputShape(String op, int[] input, int[] weight, Conv2dParams p) {
        Check.arg(input.length == 4, op, "expected a 4-D NCHW input, found shape %s", Shape.str(input));
        Check.arg(weight.length == 4, op, "expected a 4-D weight [O, C/groups, kH, kW], found shape %s",
                Shape.str(weight));
        Check.arg(weight[0] % p.groups() == 0, op, "%d output channels not divisible by groups %d", weight[0],
                p.groups());
        Check.arg(input[1] == weight[1] * p.groups(), op,
                "input %s has %d channels but weight %s with groups %d expects %d", Shape.str(input), input[1],
                Shape.str(weight), p.groups(), weight[1] * p.groups());
        int oh = p.outH(input[2], weight[2]);
        int ow = p.outW(input[3], weight[3]);
        Check.arg(oh > 0 && ow > 0, op, "input %s is smaller than the dilated kernel of weight %s with padding %d,%d",
                Shape.str(input), Shape.str(weight), p.padH(), p.padW());
        return new int[] {input[0], weight[0], oh, ow};
    }

    // ---------------------------------------------------------------- pooling

    /** Max pooling with the positions (h·W + w in the input plane) of each maximum. */
    public static ValuesIndices maxPool2d(Tensor input, Pool2dParams p) {
        poolOutputShape("max_pool2d", input, p);
        return input.backend().pool().maxPool2d(input, p);
    }

    /** Backward of max pooling. */
    public static Tensor maxPool2dBackward(Tensor gradOutput, Tensor indices, int[] inputShape) {
        Check.indices("max_pool2d_backward", indices);
        Check.floating("max_pool2d_backward", gradOutput);
        Check.sameDevice("max_pool2d_backward", gradOutput, indices);
        Shape.numel("max_pool2d_backward", inputShape);
        Check.sameShape("max_pool2d_backward", gradOutput, indices);
        Check.arg(inputShape.length == 4 && gradOutput.dim() == 4 && inputShape[0] == gradOutput.shape(0)
                        && inputShape[1] == gradOutput.shape(1), "max_pool2d_backward",
                "gradient %s does not match input shape %s", Shape.str(gradOutput.shape()), Shape.str(inputShape));
        return gradOutput.backend().pool().maxPool2dBackward(gradOutput, indices, inputShape.clone());
    }

    /** Average pooling. */
    public static Tensor avgPool2d(Tensor input, Pool2dParams p, boolean countIncludePad) {
        poolOutputShape("avg_pool2d", input, p);
        checkNoDilation("avg_pool2d", p);
        return input.backend().pool().avgPool2d(input, p, countIncludePad);
    }

    /** Backward of average pooling. */
    public static Tensor avgPool2dBackward(Tensor gradOutput, int[] inputShape, Pool2dParams p,
                                           boolean countIncludePad) {
        Check.arg(inputShape.length == 4, "avg_pool2d_backward", "input shape %s is not NCHW", Shape.str(inputShape));
        Shape.numel("avg_pool2d_backward", inputShape);
        Check.floating("avg_pool2d_backward", gradOutput);
        checkNoDilation("avg_pool2d_backward", p);
        int[] expected = {inputShape[0], inputShape[1], p.outH(inputShape[2]), p.outW(inputShape[3])};
        Check.arg(Arrays.equals(gradOutput.shape(), expected), "avg_pool2d_backward",
                "gradient %s does not match the pooled shape %s", Shape.str(gradOutput.shape()), Shape.str(expected));
        return gradOutput.backend().pool().avgPool2dBackward(gradOutput, inputShape.clone(), p, countIncludePad);
    }

    /** Adaptive average pooling to {@code outH × outW}. */
    public static Tensor adaptiveAvgPool2d(Tensor input, int outH, int outW) {
        Check.floating("adaptive_avg_pool2d", input);
        Check.rank("adaptive_avg_pool2d", input, 4, "an NCHW input");
        Check.positive("adaptive_avg_pool2d", "output size", outH, outW);
        Check.arg(input.shape(2) > 0 && input.shape(3) > 0, "adaptive_avg_pool2d", "empty input %s",
                Shape.str(input.shape()));
        Shape.numel("adaptive_avg_pool2d", input.shape(0), input.shape(1), outH, outW);
        return input.backend().pool().adaptiveAvgPool2d(input, outH, outW);
    }

    /** Backward of adaptive average pooling. */
    public static Tensor adaptiveAvgPool2dBackward(Tensor gradOutput, int[] inputShape) {
        Check.rank("adaptive_avg_pool2d_backward", gradOutput, 4, "an NCHW gradient");
        Check.arg(inputShape.length == 4 && inputShape[0] == gradOutput.shape(0) && inputShape[1] == gradOutput.shape(1),
                "adaptive_avg_pool2d_backward", "gradient %s does not match input shape %s",
                Shape.str(gradOutput.shape()), Shape.str(inputShape));
        Shape.numel("adaptive_avg_pool2d_backward", inputShape);
        Check.floating("adaptive_avg_pool2d_backward", gradOutput);
        return gradOutput.backend().pool().adaptiveAvgPool2dBackward(gradOutput, inputShape.clone());
    }

    private static void checkNoDilation(String op, Pool2dParams p) {
        Check.arg(p.dilationH() == 1 && p.dilationW() == 1, op, "dilation (%d, %d) is not supported (as in PyTorch)",
                p.dilationH(), p.dilationW());
    }

    private static void poolOutputShape(String op, Tensor input, Pool2dParams p) {
        Check.floating(op, input);
        Check.rank(op, input, 4, "an NCHW input");
        int oh = p.outH(input.shape(2));
        int ow = p.outW(input.shape(3));
        Check.arg(oh > 0 && ow > 0, op, "input %s is smaller than the %dx%d window", Shape.str(input.shape()),
                p.kernelH(), p.kernelW());
    }

    // ---------------------------------------------------------------- batch norm

    /**
     * Batch norm over axis 1. Training uses batch statistics (and returns them); eval uses the running ones, which
     * must then be given. Weight and bias may be null.
     */
    public static BatchNormResult batchNorm(Tensor input, Tensor weight, Tensor bias, Tensor runningMean,
                                            Tensor runningVar, boolean training, double eps) {
        checkBatchNorm("batch_norm", input, weight, bias, runningMean, runningVar, training, eps);
        return input.backend().norm().batchNorm(input, weight, bias, runningMean, runningVar, training, eps);
    }

    /**
     * {@code relu(batchNorm(x))} in one pass where the backend can, with the statistics batch norm used; the
     * arguments are {@link #batchNorm}'s.
     *
     * <pre>{@code BatchNormResult r = Functional.batchNormRelu(x, gamma, beta, null, null, true, 1e-5);}</pre>
     */
    public static BatchNormResult batchNormRelu(Tensor input, Tensor weight, Tensor bias, Tensor runningMean,
                                                Tensor runningVar, boolean training, double eps) {
        checkBatchNorm("batch_norm_relu", input, weight, bias, runningMean, runningVar, training, eps);
        return input.backend().norm().batchNormRelu(input, weight, bias, runningMean, runningVar, training, eps);
    }

    private static void checkBatchNorm(String op, Tensor input, Tensor weight, Tensor bias, Tensor runningMean,
                                       Tensor runningVar, boolean training, double eps) {
        Check.floating(op, input);
        Check.arg(input.dim() >= 2, op, "expected [N, C, ...], found shape %s", Shape.str(input.shape()));
        int c = input.shape(1);
        for (Tensor t : new Tensor[] {weight, bias, runningMean, runningVar}) {
            if (t != null) {
                Check.arg(t.dim() == 1 && t.shape(0) == c && t.dtype() == input.dtype(), op,
                        "per-channel tensor %s %s does not match %d channels of %s %s", Shape.str(t.shape()),
                        t.dtype(), c, Shape.str(input.shape()), input.dtype());
                Check.sameDevice(op, input, t);
            }
        }
        Check.arg(training || (runningMean != null && runningVar != null), op,
                "eval mode needs running mean and variance");
        Check.arg(!training || input.numel() / Math.max(c, 1) > 1, op,
                "training needs more than one value per channel, found shape %s", Shape.str(input.shape()));
        Check.arg(eps > 0, op, "eps must be positive, found %s", eps);
    }

    /** Gradients of batch norm given the statistics its forward returned. */
    public static BatchNormGrads batchNormBackward(Tensor gradOutput, Tensor input, Tensor weight, Tensor mean,
                                                   Tensor invStd, boolean training) {
        checkBatchNormBackward("batch_norm_backward", gradOutput, input, weight, mean, invStd);
        return input.backend().norm().batchNormBackward(gradOutput, input, weight, mean, invStd, training);
    }

    /**
     * Gradients of {@link #batchNormRelu} given its output {@code output} and the statistics it returned: batch
     * norm's backward of {@code output > 0 ? gradOutput : 0}.
     *
     * <pre>{@code BatchNormGrads d = Functional.batchNormReluBackward(g, r.output(), x, gamma, r.mean(), r.invStd(), true);}</pre>
     */
    public static BatchNormGrads batchNormReluBackward(Tensor gradOutput, Tensor output, Tensor input, Tensor weight,
                                                       Tensor mean, Tensor invStd, boolean training) {
        String op = "batch_norm_relu_backward";
        checkBatchNormBackward(op, gradOutput, input, weight, mean, invStd);
        Check.sameShape(op, output, input);
        Check.arg(output.dtype() == gradOutput.dtype(), op, "output is %s but the gradient is %s", output.dtype(),
                gradOutput.dtype());
        Check.sameDevice(op, output, gradOutput);
        return input.backend().norm().batchNormReluBackward(gradOutput, output, input, weight, mean, invStd,
                training);
    }

    private static void checkBatchNormBackward(String op, Tensor gradOutput, Tensor input, Tensor weight,
                                               Tensor mean, Tensor invStd) {
        Check.sameShape(op, gradOutput, input);
        Check.floating(op, gradOutput);
        Check.arg(weight == null || (weight.dim() == 1 && weight.shape(0) == input.shape(1)), op,
                "weight %s does not match %d channels", weight == null ? "" : Shape.str(weight.shape()), input.shape(1));
        Check.arg(mean.numel() == input.shape(1) && invStd.numel() == input.shape(1), op,
                "statistics %s / %s do not match %d channels", Shape.str(mean.shape()), Shape.str(invStd.shape()),
                input.shape(1));
    }

    // ---------------------------------------------------------------- fused elementwise

    /**
     * ReLU's backward from its output: {@code output > 0 ? gradOutput : 0} (a select: an infinite or NaN gradient
     * where the output is not positive gives 0).
     *
     * <pre>{@code Tensor dx = Functional.reluBackward(g, x.relu());}</pre>
     */
    public static Tensor reluBackward(Tensor gradOutput, Tensor output) {
        String op = "relu_backward";
        Check.floating(op, gradOutput);
        Check.sameShape(op, gradOutput, output);
        Check.arg(output.dtype() == gradOutput.dtype(), op, "output is %s but the gradient is %s", output.dtype(),
                gradOutput.dtype());
        Check.sameDevice(op, gradOutput, output);
        return gradOutput.backend().elementwise().reluBackward(gradOutput, output);
    }

    /**
     * {@code relu(a + b)} with broadcasting, in one pass where the backend can (the residual join of a ResNet
     * block). Both operands are floating and of one type.
     *
     * <pre>{@code Tensor out = Functional.addRelu(branch, shortcut);}</pre>
     */
    public static Tensor addRelu(Tensor a, Tensor b) {
        String op = "add_relu";
        Check.floating(op, a);
        Check.arg(a.dtype() == b.dtype(), op, "operands are %s and %s", a.dtype(), b.dtype());
        Check.sameDevice(op, a, b);
        int[] s = Shape.broadcast(op, a.shape(), b.shape());
        return a.backend().elementwise().addRelu(a.expand(s), b.expand(s));
    }

    /**
     * One step of {@code torch.optim.SGD} on one parameter (see {@link sabre.tensor.spi.ElementwiseOps#sgdUpdate}
     * for the equations): the new parameter and momentum buffer. {@code momentumBuffer} is null on the first step
     * and must be null when {@code momentum} is 0; the result's buffer is then null too.
     *
     * <pre>{@code SgdStep s = Functional.sgdUpdate(p, g, buf, 0.1, 0.9, 0, 5e-4, true);}</pre>
     */
    public static SgdStep sgdUpdate(Tensor param, Tensor grad, Tensor momentumBuffer, double lr, double momentum,
                                    double dampening, double weightDecay, boolean nesterov) {
        String op = "sgd_update";
        Check.floating(op, param);
        Check.arg(grad != null, op, "the gradient is missing");
        for (Tensor t : new Tensor[] {grad, momentumBuffer}) {
            if (t != null) {
                Check.sameShape(op, param, t);
                Check.arg(t.dtype() == param.dtype(), op, "parameter is %s but gradient or buffer is %s",
                        param.dtype(), t.dtype());
                Check.sameDevice(op, param, t);
            }
        }
        Check.arg(Double.isFinite(lr) && Double.isFinite(momentum) && Double.isFinite(dampening)
                && Double.isFinite(weightDecay), op, "lr %s, momentum %s, dampening %s, weight decay %s must be finite",
                lr, momentum, dampening, weightDecay);
        Check.arg(momentumBuffer == null || momentum != 0, op, "a momentum buffer was given but momentum is 0");
        Check.arg(!nesterov || (momentum > 0 && dampening == 0), op,
                "Nesterov momentum requires momentum > 0 and dampening = 0, found momentum %s and dampening %s",
                momentum, dampening);
        return param.backend().elementwise().sgdUpdate(param, grad, momentumBuffer, lr, momentum, dampening,
                weightDecay, nesterov);
    }

    /**
     * One step of {@code torch.optim.Adam}, or {@code AdamW} with {@code decoupled}, on one parameter (see
     * {@link sabre.tensor.spi.ElementwiseOps#adamUpdate} for the equations): the new parameter and state. The moments
     * {@code expAvg} and {@code expAvgSq} are both null on the first step; {@code maxExpAvgSq} is null on the first
     * step and must be null without AMSGrad.
     *
     * <pre>{@code AdamStep s = Functional.adamUpdate(p, g, m, v, null, t, 1e-3, 0.9, 0.999, 1e-8, 0, false, false);}</pre>
     */
    public static AdamStep adamUpdate(Tensor param, Tensor grad, Tensor expAvg, Tensor expAvgSq, Tensor maxExpAvgSq,
                                      int step, double lr, double beta1, double beta2, double eps, double weightDecay,
                                      boolean decoupled, boolean amsgrad) {
        String op = "adam_update";
        Check.floating(op, param);
        Check.arg(grad != null, op, "the gradient is missing");
        for (Tensor t : new Tensor[] {grad, expAvg, expAvgSq, maxExpAvgSq}) {
            if (t != null) {
                Check.sameShape(op, param, t);
                Check.arg(t.dtype() == param.dtype(), op, "parameter is %s but gradient or state is %s",
                        param.dtype(), t.dtype());
                Check.sameDevice(op, param, t);
            }
        }
        Check.arg(step >= 1, op, "step must be >= 1, found %s", step);
        Check.arg(Double.isFinite(lr) && beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1 && Double.isFinite(eps)
                && Double.isFinite(weightDecay), op,
                "lr %s and eps %s, weight decay %s must be finite and betas %s, %s in [0, 1)", lr, eps, weightDecay,
                beta1, beta2);
        Check.arg((expAvg == null) == (expAvgSq == null), op,
                "the moments come together: exp_avg is %s but exp_avg_sq is %s", expAvg == null ? "missing" : "given",
                expAvgSq == null ? "missing" : "given");
        Check.arg(amsgrad || maxExpAvgSq == null, op, "a max_exp_avg_sq was given but AMSGrad is off");
        Check.arg(!amsgrad || expAvg == null || maxExpAvgSq != null, op,
                "AMSGrad after the first step needs max_exp_avg_sq");
        return param.backend().elementwise().adamUpdate(param, grad, expAvg, expAvgSq, maxExpAvgSq, step, lr, beta1,
                beta2, eps, weightDecay, decoupled, amsgrad);
    }

    // ---------------------------------------------------------------- losses

    /** Per-sample cross-entropy of logits [N, C] against INT32 targets [N] with label smoothing in [0, 1]. */
    public static Tensor crossEntropy(Tensor logits, Tensor target, double labelSmoothing) {
        String op = "cross_entropy";
        Check.floating(op, logits);
        Check.indices(op, target);
        Check.rank(op, logits, 2, "logits [N, C]");
        Check.arg(target.dim() == 1 && target.shape(0) == logits.shape(0), op,
                "targets %s do not match logits %s", Shape.str(target.shape()), Shape.str(logits.shape()));
        Check.arg(labelSmoothing >= 0 && labelSmoothing <= 1, op, "label smoothing %s outside [0, 1]", labelSmoothing);
        Check.sameDevice(op, logits, target);
        return logits.backend().softmax().crossEntropy(logits, target, labelSmoothing);
    }

    // ---------------------------------------------------------------- resampling

    /** Nearest-neighbour resize of NCHW. */
    public static Tensor upsampleNearest(Tensor x, int outH, int outW) {
        checkResample("upsample_nearest", x, outH, outW);
        Shape.numel("upsample_nearest", x.shape(0), x.shape(1), outH, outW);
        return x.backend().layout().upsampleNearest(x, outH, outW);
    }

    /** Backward of nearest resize. */
    public static Tensor upsampleNearestBackward(Tensor gradOutput, int[] inputShape) {
        checkResampleGrad("upsample_nearest_backward", gradOutput, inputShape);
        return gradOutput.backend().layout().upsampleNearestBackward(gradOutput, inputShape.clone());
    }

    /** Bilinear resize of NCHW ({@code alignCorners} as in PyTorch). */
    public static Tensor upsampleBilinear(Tensor x, int outH, int outW, boolean alignCorners) {
        checkResample("upsample_bilinear", x, outH, outW);
        Shape.numel("upsample_bilinear", x.shape(0), x.shape(1), outH, outW);
        return x.backend().layout().upsampleBilinear(x, outH, outW, alignCorners);
    }

    /** Backward of bilinear resize. */
    public static Tensor upsampleBilinearBackward(Tensor gradOutput, int[] inputShape, boolean alignCorners) {
        checkResampleGrad("upsample_bilinear_backward", gradOutput, inputShape);
        return gradOutput.backend().layout().upsampleBilinearBackward(gradOutput, inputShape.clone(), alignCorners);
    }

    private static void checkResample(String op, Tensor x, int outH, int outW) {
        Check.floating(op, x);
        Check.rank(op, x, 4, "an NCHW input");
        Check.positive(op, "output size", outH, outW);
        Check.arg(x.shape(2) > 0 && x.shape(3) > 0, op, "empty input %s", Shape.str(x.shape()));
    }

    private static void checkResampleGrad(String op, Tensor g, int[] inputShape) {
        Check.rank(op, g, 4, "an NCHW gradient");
        Check.floating(op, g);
        Shape.numel(op, inputShape);
        Check.arg(inputShape.length == 4 && inputShape[0] == g.shape(0) && inputShape[1] == g.shape(1)
                && inputShape[2] > 0 && inputShape[3] > 0, op, "gradient %s does not match input shape %s",
                Shape.str(g.shape()), Shape.str(inputShape));
    }

    // ---------------------------------------------------------------- dropout

    /**
     * The scaled keep-mask of inverted dropout: 1/(1−p) with probability 1−p, else 0, drawn from {@code g}.
     * {@code x.mul(mask)} is the dropout output and {@code grad.mul(mask)} its backward.
     */
    public static Tensor dropoutMask(Generator g, Tensor like, double p) {
        Check.arg(p >= 0 && p < 1, "dropout", "probability %s outside [0, 1)", p);
        Check.floating("dropout", like);
        int n = like.numel();
        Tensor keep = like.backend().random().bernoulli(like.shape(), like.dtype(), 1 - p, g.seed(), g.advance(n));
        return keep.mul(1 / (1 - p));
    }

    // ---------------------------------------------------------------- helpers

    private static void checkBias(String op, Tensor bias, Tensor input, int channels) {
        if (bias == null) {
            return;
        }
        Check.arg(bias.dim() == 1 && bias.shape(0) == channels && bias.dtype() == input.dtype(), op,
                "bias %s %s does not match %d output channels of type %s", Shape.str(bias.shape()), bias.dtype(),
                channels, input.dtype());
        Check.sameDevice(op, input, bias);
    }

    private static void checkGradShape(String op, Tensor grad, int[] expected, Tensor other) {
        Check.arg(Arrays.equals(grad.shape(), expected), op, "gradient %s does not match the output shape %s",
                Shape.str(grad.shape()), Shape.str(expected));
        Check.floating(op, grad);
        Check.arg(grad.dtype() == other.dtype(), op, "gradient is %s but the other operand is %s", grad.dtype(),
                other.dtype());
        Check.sameDevice(op, grad, other);
    }
}
