package sabre.examples;

import sabre.autograd.Autograd;
import sabre.autograd.F;
import sabre.autograd.GraphPrinter;
import sabre.autograd.NoGrad;
import sabre.autograd.Var;
import sabre.tensor.Conv2dParams;
import sabre.tensor.DType;
import sabre.tensor.Generator;
import sabre.tensor.Tensor;

/** A tiny conv net built from ops: the loss, ∂loss/∂input with grad(), its graph, and one FGSM step. */
public final class WorkedExample {
    public static void main(String[] args) {
        Generator gen = new Generator(42);
        // two 1×8×8 "images" in [0, 1] and their labels
        Var x = Var.param(Tensor.rand(gen, DType.FLOAT32, 2, 1, 8, 8)).named("x");
        Tensor labels = Tensor.ofInts(new int[] {3, 7}, 2);
        // weights: conv 1→4 (3×3), linear 4→10
        Var conv = Var.param(Tensor.randn(gen, DType.FLOAT32, 4, 1, 3, 3).mul(0.3)).named("conv.weight");
        Var fc = Var.param(Tensor.randn(gen, DType.FLOAT32, 10, 4).mul(0.5)).named("fc.weight");
        Var fcBias = Var.param(Tensor.zeros(10)).named("fc.bias");

        Var features = F.conv2d(x, conv, null, Conv2dParams.of(1, 1)).relu();
        Var pooled = F.adaptiveAvgPool2d(features, 1, 1).flatten(1, -1);
        Var loss = F.crossEntropy(F.linear(pooled, fc, fcBias), labels, 0.0, F.Reduction.MEAN);
        System.out.print(GraphPrinter.text(loss));

        // ∂loss/∂x only: the weights' gradients are neither computed nor stored
        Tensor dx = Autograd.grad(loss, x)[0];
        System.out.printf("loss %.5f, |dL/dx|_1 = %.6f, conv.weight.grad() = %s%n", loss.value().item(),
                dx.abs().sum().item(), conv.grad());

        // one FGSM step of size 8/255 inside the [0, 1] box
        try (NoGrad scope = NoGrad.enter()) {
            Tensor adversarial = x.value().add(dx.sign().mul(8 / 255.0)).clamp(0, 1);
            Var advFeatures = F.conv2d(Var.of(adversarial), conv, null, Conv2dParams.of(1, 1)).relu();
            Var advLogits = F.linear(F.adaptiveAvgPool2d(advFeatures, 1, 1).flatten(1, -1), fc, fcBias);
            System.out.printf("loss after FGSM %.5f%n",
                    F.crossEntropy(advLogits, labels, 0.0, F.Reduction.MEAN).value().item());
        }
    }
}
