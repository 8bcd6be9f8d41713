package sabre.tests;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sabre.attacks.AttackResult;
import sabre.attacks.Classifier;
import sabre.attacks.Objective;
import sabre.attacks.Pgd;
import sabre.attacks.sparse.AutoAdversary;
import sabre.attacks.sparse.PerImageFcEncoder;
import sabre.attacks.sparse.PruningLoss;
import sabre.autograd.Autograd;
import sabre.autograd.F;
import sabre.autograd.Var;
import sabre.nn.Module;
import sabre.nn.models.ModelConfig;
import sabre.nn.models.Models;
import sabre.tensor.DType;
import sabre.tensor.Device;
import sabre.tensor.Generator;
import sabre.tensor.Tensor;
import sabre.tests.ops.TestDevices;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole training and attack path on every non-reference device against the reference backend (so devices also
 * match each other): a ResNet-20 training-mode step (loss, ∂loss/∂x and every parameter gradient), the gradients of
 * AutoAdversary's loss with respect to δ and the encoder weights, and a complete AutoAdversary run whose output obeys
 * the threat model. Float32 tolerance: kernels sum in other orders than the reference, so every element must satisfy
 * |a − r| ≤ 1e-4·|r| + 1e-4·rms(r) ({@link ElementwiseClose}: scaled per element, not by the tensor's largest value).
 */
class DeviceAttackTest {
    private static final double EPS = 8 / 255.0;
    /** Per-element tolerance (see {@link ElementwiseClose}): float32 sums in other orders over ~20 layers. */
    private static final double RTOL = 1e-4;
    private static final double ATOL = 1e-4;

    @BeforeEach
    void needsADevice() {
        Assumptions.assumeFalse(TestDevices.nonReference().isEmpty(), "only the reference backend is installed");
    }

    private static void close(Tensor actual, Tensor expected, String what) {
        double worst = ElementwiseClose.check(what, actual, expected, RTOL, ATOL);
        System.out.printf("DeviceAttackTest %s: worst error %.3f of its tolerance%n", what, worst);
    }

    private static Module resnet20(Device device) {
        Module m = Models.create("resnet20", new ModelConfig(1, 28, 10), new Generator(3));
        return m.to(device);
    }

    /** Loss, ∂loss/∂x and the parameter gradients of one training-mode step. */
    private static List<Tensor> trainingStep(Device device) {
        Module net = resnet20(device).train(true);
        Var x = Var.param(Tensor.rand(new Generator(4), DType.FLOAT32, 4, 1, 28, 28).to(device));
        Tensor y = Tensor.randint(new Generator(5), 0, 10, 4).to(device);
        Var loss = F.crossEntropy(net.forward(x), y, 0.0, F.Reduction.MEAN);
        List<Var> wrt = new ArrayList<>(net.parameters());
        wrt.add(0, x);
        List<Tensor> out = new ArrayList<>(List.of(Autograd.grad(List.of(loss), null, wrt, false)));
        out.add(0, loss.value());
        return out;
    }

    @Test
    void resnet20TrainingStepMatchesTheReference() {
        List<Tensor> expected = trainingStep(Device.REFERENCE);
        for (Device d : TestDevices.nonReference()) {
            List<Tensor> actual = trainingStep(d);
            for (int i = 0; i < expected.size(); i++) {
                close(actual.get(i), expected.get(i), d + (i == 0 ? " loss" : i == 1 ? " dloss/dx" : " grad " + i));
            }
        }
    }

    /** Gradients of the summed pruning loss with respect to δ and the FC encoder's four weight tensors. */
    private static Tensor[] pruningGradients(Device device) {
        Module net = resnet20(device).eval();
        Tensor x = Tensor.rand(new Generator(6), DType.FLOAT32, 2, 1, 28, 28).to(device);
        Var delta = Var.param(Tensor.uniform(new Generator(7), Device.REFERENCE, DType.FLOAT32, -EPS, EPS, 2, 1, 28, 28)
                .to(device));
        Var w1 = Var.param(Tensor.uniform(new Generator(8), Device.REFERENCE, DType.FLOAT32, -0.06, 0.06, 2, 8, 784)
                .to(device));
        Var b1 = Var.param(Tensor.uniform(new Generator(9), Device.REFERENCE, DType.FLOAT32, -0.06, 0.06, 2, 8, 1)
                .to(device));
        Var w2 = Var.param(Tensor.uniform(new Generator(10), Device.REFERENCE, DType.FLOAT32, -0.3, 0.3, 2, 784, 8)
                .to(device));
        Var b2 = Var.param(Tensor.full(Device.REFERENCE, DType.FLOAT32, 0.5, 2, 784, 1).to(device));
        Var z = PerImageFcEncoder.logits(delta.mul(1 / EPS), w1, b1, w2, b2, 1);
        Tensor lambda = Tensor.full(Device.REFERENCE, DType.FLOAT32, 5, 2).to(device);
        Tensor aim = Tensor.ofInts(new int[] {3, 7}, 2).to(device);
        Var loss = new PruningLoss(Objective.crossEntropy()).value(Classifier.of(net), x, delta, z, 4.0, lambda, aim,
                true).sum();
        return Autograd.grad(List.of(loss), null, List.of(delta, w1, b1, w2, b2), false);
    }

    @Test
    void autoAdversaryLossGradientsMatchTheReference() {
        Tensor[] expected = pruningGradients(Device.REFERENCE);
        for (Device d : TestDevices.nonReference()) {
            Tensor[] actual = pruningGradients(d);
            for (int i = 0; i < expected.length; i++) {
                close(actual[i], expected[i], d + " gradient " + i);
            }
        }
    }

    @Test
    void autoAdversaryRunsOnEveryDeviceWithinItsThreatModel() {
        for (Device d : TestDevices.nonReference()) {
            Module net = resnet20(d).eval();
            Classifier f = Classifier.of(net);
            Tensor x = Tensor.rand(new Generator(11), DType.FLOAT32, 3, 1, 28, 28).to(d);
            Tensor y = f.predict(x);
            AttackResult r = new AutoAdversary().base(new Pgd().eps(EPS).seed(2)).steps(8).run(f, x, y);
            assertTrue(r.adversarial().device().equals(d), "result left the device " + d);
            double[] a = x.toDoubleArray();
            double[] b = r.adversarial().toDoubleArray();
            double[] m = r.masks().toDoubleArray();
            for (int i = 0; i < a.length; i++) {
                assertTrue(b[i] >= 0 && b[i] <= 1 && Math.abs(b[i] - a[i]) <= EPS + 1e-6, d + " element " + i);
                assertTrue(m[i] == 1 || b[i] == a[i], d + ": element " + i + " changed outside the mask");
            }
        }
    }
}
