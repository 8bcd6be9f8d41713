package sabre.tests.ops;

import sabre.autograd.F;
import sabre.autograd.Var;
import sabre.tensor.Conv2dParams;
import sabre.tensor.Functional;
import sabre.tensor.Generator;
import sabre.tensor.Pool2dParams;
import sabre.tensor.Tensor;

/** Samples and error cases of convolution, pooling, batch norm, softmax, cross-entropy, resampling, dropout. */
final class NNCases {
    private NNCases() {
    }

    static void fill(CaseBook book) {
        book.grad("conv2d", "3x3 pad 1 with bias", s -> CaseBook.of(s.randn(1, 2, 3, 5, 6), s.randn(2, 4, 3, 3, 3),
                s.randn(3, 4)), in -> F.conv2d(in[0], in[1], in[2], Conv2dParams.of(1, 1)));
        book.grad("conv2d", "stride 2, dilation 2, groups 2, no bias", s -> CaseBook.of(s.randn(4, 1, 4, 9, 8),
                s.randn(5, 6, 2, 3, 2)), in -> F.conv2d(in[0], in[1], null, Conv2dParams.of(2, 1, 2, 2)));
        book.grad("conv2d", "1x1 on a strided input, asymmetric stride", s -> CaseBook.of(s.strided(6, 2, 3, 4, 5),
                s.randn(7, 2, 3, 1, 1)), in -> F.conv2d(in[0], in[1], null, new Conv2dParams(1, 2, 0, 1, 1, 1, 1)));
        book.grad("conv_transpose2d", "stride 2, output padding 1, bias", s -> CaseBook.of(s.randn(8, 2, 4, 3, 3),
                s.randn(9, 4, 3, 3, 3), s.randn(10, 3)),
                in -> F.convTranspose2d(in[0], in[1], in[2], Conv2dParams.of(2, 1), 1, 1));
        book.grad("conv_transpose2d", "groups 2, dilation 2", s -> CaseBook.of(s.randn(11, 1, 4, 3, 4),
                s.randn(12, 4, 1, 2, 2)), in -> F.convTranspose2d(in[0], in[1], null, Conv2dParams.of(1, 0, 2, 2), 0, 0));
        book.forward("conv2d_input_grad", "direct call", s -> CaseBook.of(s.randn(13, 2, 4, 3, 3), s.randn(14, 4, 3, 3, 3)),
                in -> Var.of(Functional.conv2dInputGrad(in[0].value(), in[1].value(), new int[] {2, 3, 5, 5},
                        Conv2dParams.of(2, 1))));
        book.forward("conv2d_weight_grad", "direct call", s -> CaseBook.of(s.randn(15, 2, 4, 3, 3), s.randn(16, 2, 3, 5, 5)),
                in -> Var.of(Functional.conv2dWeightGrad(in[0].value(), in[1].value(), new int[] {4, 3, 3, 3},
                        Conv2dParams.of(2, 1))));
        book.error("conv2d", "channel mismatch", () -> Functional.conv2d(Tensor.zeros(1, 3, 5, 5),
                Tensor.zeros(4, 2, 3, 3), null, Conv2dParams.of(1, 1)));
        book.error("conv_transpose2d", "channel mismatch", () -> Functional.convTranspose2d(Tensor.zeros(1, 3, 5, 5),
                Tensor.zeros(4, 2, 3, 3), null, Conv2dParams.of(1, 1), 0, 0));
        book.error("conv2d_input_grad", "gradient of the wrong shape", () -> Functional.conv2dInputGrad(
                Tensor.zeros(1, 4, 2, 2), Tensor.zeros(4, 3, 3, 3), new int[] {1, 3, 5, 5}, Conv2dParams.of(1, 1)));
        book.error("conv2d_weight_grad", "gradient of the wrong shape", () -> Functional.conv2dWeightGrad(
                Tensor.zeros(1, 4, 2, 2), Tensor.zeros(1, 3, 5, 5), new int[] {4, 3, 3, 3}, Conv2dParams.of(1, 1)));

        Pool2dParams ceil = new Pool2dParams(3, 3, 2, 2, 1, 1, 1, 1, true);
        book.grad("max_pool2d", "3x3 stride 2 pad 1 ceil mode", s -> CaseBook.of(s.randn(17, 2, 2, 7, 6)),
                in -> F.maxPool2d(in[0], ceil));
        book.grad("max_pool2d", "2x2 dilation 2 on a strided input", s -> CaseBook.of(s.strided(18, 1, 2, 6, 7)),
                in -> F.maxPool2d(in[0], new Pool2dParams(2, 2, 1, 2, 0, 1, 2, 2, false)));
        book.grad("avg_pool2d", "count padding, ceil mode", s -> CaseBook.of(s.randn(19, 2, 2, 7, 6)),
                in -> F.avgPool2d(in[0], ceil, true));
        book.grad("avg_pool2d", "exclude padding", s -> CaseBook.of(s.randn(20, 1, 3, 5, 5)),
                in -> F.avgPool2d(in[0], Pool2dParams.of(3, 2, 1), false));
        book.grad("adaptive_avg_pool2d", "7x10 to 3x4", s -> CaseBook.of(s.randn(21, 2, 2, 7, 10)),
                in -> F.adaptiveAvgPool2d(in[0], 3, 4));
        book.forward("max_pool2d_backward", "direct call", s -> CaseBook.of(s.randn(22, 1, 2, 3, 3), s.randn(23, 1, 2, 6, 6)),
                in -> Var.of(Functional.maxPool2dBackward(in[0].value(),
                        Functional.maxPool2d(in[1].value(), Pool2dParams.of(2, 2, 0)).indices(), new int[] {1, 2, 6, 6})));
        book.forward("avg_pool2d_backward", "direct call", s -> CaseBook.of(s.randn(24, 1, 2, 3, 3)),
                in -> Var.of(Functional.avgPool2dBackward(in[0].value(), new int[] {1, 2, 5, 5},
                        Pool2dParams.of(3, 2, 1), true)));
        book.forward("adaptive_avg_pool2d_backward", "direct call", s -> CaseBook.of(s.randn(25, 1, 2, 3, 4)),
                in -> Var.of(Functional.adaptiveAvgPool2dBackward(in[0].value(), new int[] {1, 2, 7, 10})));
        book.error("max_pool2d", "window larger than input", () -> Functional.maxPool2d(Tensor.zeros(1, 1, 2, 2),
                Pool2dParams.of(3, 1, 0)));
        book.error("avg_pool2d", "3-D input", () -> Functional.avgPool2d(Tensor.zeros(1, 4, 4), Pool2dParams.of(2, 2, 0),
                true));
        book.error("adaptive_avg_pool2d", "zero output size", () -> Functional.adaptiveAvgPool2d(Tensor.zeros(1, 1, 4, 4),
                0, 2));
        book.error("max_pool2d_backward", "indices of another shape", () -> Functional.maxPool2dBackward(
                Tensor.zeros(1, 1, 2, 2), Tensor.ofInts(new int[] {0}, 1, 1, 1, 1), new int[] {1, 1, 4, 4}));
        book.error("avg_pool2d_backward", "gradient of the wrong shape", () -> Functional.avgPool2dBackward(
                Tensor.zeros(1, 1, 3, 3), new int[] {1, 1, 4, 4}, Pool2dParams.of(2, 2, 0), true));
        book.error("adaptive_avg_pool2d_backward", "batch mismatch", () -> Functional.adaptiveAvgPool2dBackward(
                Tensor.zeros(2, 1, 3, 3), new int[] {1, 1, 4, 4}));

        book.grad("batch_norm", "training, affine", s -> CaseBook.of(s.randn(26, 3, 2, 3, 3), s.randn(27, 2),
                s.randn(28, 2)), in -> F.batchNorm(in[0], in[1], in[2], null, null, true, 1e-5).output());
        book.grad("batch_norm", "eval with running statistics, strided", s -> CaseBook.of(s.strided(29, 2, 3, 4, 2),
                s.randn(30, 3), s.randn(31, 3)), in -> {
                    // running statistics are buffers, not differentiable inputs: built here as constants
                    Spec spec = new Spec(in[0].value().dtype(), in[0].value().device());
                    return F.batchNorm(in[0], in[1], in[2], spec.randn(32, 3), spec.uniform(33, 0.5, 2, 3), false, 1e-3)
                            .output();
                });
        book.grad("batch_norm", "training 2-D input without affine", s -> CaseBook.of(s.randn(34, 5, 3)),
                in -> F.batchNorm(in[0], null, null, null, null, true, 1e-5).output());
        book.forward("batch_norm_backward", "direct call", s -> CaseBook.of(s.randn(35, 3, 2, 2, 2), s.randn(36, 3, 2, 2, 2)),
                in -> {
                    var r = Functional.batchNorm(in[1].value(), null, null, null, null, true, 1e-5);
                    return Var.of(Functional.batchNormBackward(in[0].value(), in[1].value(), null, r.mean(), r.invStd(),
                            true).input());
                });
        book.error("batch_norm", "one value per channel in training", () -> Functional.batchNorm(
                Tensor.zeros(1, 3), null, null, null, null, true, 1e-5));
        book.error("batch_norm_backward", "gradient of the wrong shape", () -> Functional.batchNormBackward(
                Tensor.zeros(2, 3), Tensor.zeros(2, 4), null, Tensor.zeros(4), Tensor.ones(4), true));

        book.grad("batch_norm_relu", "training, affine", s -> CaseBook.of(s.randn(70, 3, 2, 3, 3), s.randn(71, 2),
                s.randn(72, 2)), in -> F.batchNormRelu(in[0], in[1], in[2], null, null, true, 1e-5).output());
        book.grad("batch_norm_relu", "eval with running statistics, strided", s -> CaseBook.of(
                s.strided(73, 2, 3, 4, 2), s.randn(74, 3), s.randn(75, 3)), in -> {
                    Spec spec = new Spec(in[0].value().dtype(), in[0].value().device());
                    return F.batchNormRelu(in[0], in[1], in[2], spec.randn(76, 3), spec.uniform(77, 0.5, 2, 3), false,
                            1e-3).output();
                });
        book.grad("batch_norm_relu", "training 3-D input without affine", s -> CaseBook.of(s.randn(78, 4, 3, 5)),
                in -> F.batchNormRelu(in[0], null, null, null, null, true, 1e-5).output());
        book.forward("batch_norm_relu_backward", "direct call, strided gradient", s -> CaseBook.of(
                s.strided(79, 3, 2, 3, 2), s.randn(80, 3, 2, 3, 2), s.randn(81, 2)), in -> {
                    var r = Functional.batchNormRelu(in[1].value(), in[2].value(), null, null, null, true, 1e-5);
                    return Var.of(Functional.batchNormReluBackward(in[0].value(), r.output(), in[1].value(),
                            in[2].value(), r.mean(), r.invStd(), true).input());
                });
        book.error("batch_norm_relu", "eval without running statistics", () -> Functional.batchNormRelu(
                Tensor.zeros(2, 3), null, null, null, null, false, 1e-5));
        book.error("batch_norm_relu_backward", "output of the wrong shape", () -> Functional.batchNormReluBackward(
                Tensor.zeros(2, 3), Tensor.zeros(3, 2), Tensor.zeros(2, 3), null, Tensor.zeros(3), Tensor.ones(3),
                true));

        book.forward("sgd_update", "first step: Nesterov, weight decay", s -> CaseBook.of(s.randn(82, 5, 7),
                s.randn(83, 5, 7)), in -> Var.of(Functional.sgdUpdate(in[0].value(), in[1].value(), null, 0.1, 0.9, 0,
                5e-4, true).param()));
        book.forward("sgd_update", "buffer of a later step, dampening, strided gradient", s -> CaseBook.of(
                s.randn(84, 4, 6), s.strided(85, 4, 6), s.randn(86, 4, 6)), in -> Var.of(Functional.sgdUpdate(
                in[0].value(), in[1].value(), in[2].value(), 0.05, 0.8, 0.3, 1e-2, false).momentumBuffer()));
        book.forward("sgd_update", "plain SGD", s -> CaseBook.of(s.randn(87, 33), s.randn(88, 33)),
                in -> Var.of(Functional.sgdUpdate(in[0].value(), in[1].value(), null, 0.5, 0, 0, 0, false).param()));
        book.error("sgd_update", "gradient of another shape", () -> Functional.sgdUpdate(Tensor.zeros(2, 3),
                Tensor.zeros(3, 2), null, 0.1, 0, 0, 0, false));
        book.error("sgd_update", "Nesterov with dampening", () -> Functional.sgdUpdate(Tensor.zeros(2),
                Tensor.zeros(2), null, 0.1, 0.9, 0.1, 0, true));

        book.forward("adam_update", "first step, L2 weight decay", s -> CaseBook.of(s.randn(89, 5, 7),
                s.randn(90, 5, 7)), in -> Var.of(Functional.adamUpdate(in[0].value(), in[1].value(), null, null, null,
                1, 1e-2, 0.9, 0.999, 1e-8, 5e-4, false, false).param()));
        book.forward("adam_update", "AdamW, AMSGrad, step 4, strided gradient", s -> CaseBook.of(s.randn(91, 4, 6),
                s.strided(92, 4, 6), s.randn(93, 4, 6), s.randn(94, 4, 6).abs(), s.randn(95, 4, 6).abs()),
                in -> Var.of(Functional.adamUpdate(in[0].value(), in[1].value(), in[2].value(), in[3].value(),
                        in[4].value(), 4, 1e-2, 0.8, 0.99, 1e-6, 1e-2, true, true).param()));
        book.forward("adam_update", "second moment of a later step", s -> CaseBook.of(s.randn(96, 33),
                s.randn(97, 33), s.randn(98, 33), s.randn(99, 33).abs()), in -> Var.of(Functional.adamUpdate(
                in[0].value(), in[1].value(), in[2].value(), in[3].value(), null, 7, 1e-3, 0.9, 0.999, 1e-8, 0, false,
                false).expAvgSq()));
        book.error("adam_update", "one moment without the other", () -> Functional.adamUpdate(Tensor.zeros(2),
                Tensor.zeros(2), Tensor.zeros(2), null, null, 2, 1e-3, 0.9, 0.999, 1e-8, 0, false, false));
        book.error("adam_update", "step 0", () -> Functional.adamUpdate(Tensor.zeros(2), Tensor.zeros(2), null,
                null, null, 0, 1e-3, 0.9, 0.999, 1e-8, 0, false, false));

        book.grad("softmax", "axis 1 of [2,5,3]", s -> CaseBook.of(s.randn(37, 2, 5, 3).mul(3)), in -> in[0].softmax(1));
        book.grad("softmax", "last axis, strided", s -> CaseBook.of(s.strided(38, 3, 4)), in -> in[0].softmax(-1));
        book.grad("log_softmax", "axis 0", s -> CaseBook.of(s.randn(39, 4, 3).mul(3)), in -> in[0].logSoftmax(0));
        book.grad("log_softmax", "last axis, large logits", s -> CaseBook.of(s.randn(40, 2, 6).mul(50)),
                in -> in[0].logSoftmax(-1));
        book.grad("cross_entropy", "label smoothing 0.1, mean", s -> CaseBook.of(s.randn(41, 4, 5).mul(2),
                s.ints(new int[] {0, 4, 2, 2}, 4)), in -> F.crossEntropy(in[0], in[1].value(), 0.1, F.Reduction.MEAN));
        book.grad("cross_entropy", "no smoothing, per sample, strided", s -> CaseBook.of(s.strided(42, 3, 4),
                s.ints(new int[] {3, 0, 1}, 3)), in -> F.crossEntropy(in[0], in[1].value(), 0, F.Reduction.NONE));
        book.error("softmax", "axis out of range", () -> Tensor.zeros(2, 3).softmax(2));
        book.error("log_softmax", "integer input", () -> Tensor.ofInts(new int[] {1}, 1).logSoftmax(0));
        book.error("cross_entropy", "target out of range", () -> Functional.crossEntropy(Tensor.zeros(2, 3),
                Tensor.ofInts(new int[] {0, 3}, 2), 0));

        book.grad("upsample_nearest", "3x4 to 7x5", s -> CaseBook.of(s.randn(43, 2, 2, 3, 4)),
                in -> F.upsampleNearest(in[0], 7, 5));
        book.grad("upsample_bilinear", "3x4 to 5x9, half-pixel", s -> CaseBook.of(s.randn(44, 1, 2, 3, 4)),
                in -> F.upsampleBilinear(in[0], 5, 9, false));
        book.grad("upsample_bilinear", "5x4 to 3x7, align corners, strided", s -> CaseBook.of(s.strided(45, 1, 2, 5, 4)),
                in -> F.upsampleBilinear(in[0], 3, 7, true));
        book.forward("upsample_nearest_backward", "direct call", s -> CaseBook.of(s.randn(46, 1, 2, 7, 5)),
                in -> Var.of(Functional.upsampleNearestBackward(in[0].value(), new int[] {1, 2, 3, 4})));
        book.forward("upsample_bilinear_backward", "direct call", s -> CaseBook.of(s.randn(47, 1, 2, 5, 9)),
                in -> Var.of(Functional.upsampleBilinearBackward(in[0].value(), new int[] {1, 2, 3, 4}, false)));
        book.error("upsample_nearest", "zero output size", () -> Functional.upsampleNearest(Tensor.zeros(1, 1, 2, 2), 0, 3));
        book.error("upsample_bilinear", "2-D input", () -> Functional.upsampleBilinear(Tensor.zeros(2, 2), 3, 3, false));
        book.error("upsample_nearest_backward", "batch mismatch", () -> Functional.upsampleNearestBackward(
                Tensor.zeros(1, 1, 4, 4), new int[] {2, 1, 2, 2}));
        book.error("upsample_bilinear_backward", "3-D gradient", () -> Functional.upsampleBilinearBackward(
                Tensor.zeros(1, 4, 4), new int[] {1, 1, 2, 2}, false));

        book.grad("dropout", "p = 0.3 with a fixed generator", s -> CaseBook.of(s.randn(48, 4, 5)),
                in -> F.dropout(in[0], 0.3, true, new Generator(7)));
        book.error("dropout", "p = 1", () -> Functional.dropoutMask(new Generator(1), Tensor.zeros(2), 1));
    }
}
