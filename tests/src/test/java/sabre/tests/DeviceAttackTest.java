package sabre.tests;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sabre.attacks.AttackResult;
import sabre.attacks.Classifier;
import sabre.attacks.FooledFixture;
import sabre.attacks.Objective;
import sabre.attacks.Pgd;
import sabre.attacks.ThreatModelCheck;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole training and attack path on every non-reference device against the reference backend (so devices also
 * match each other): a ResNet-20 training-mode step (loss, ∂loss/∂x and every parameter gradient), the gradients of
 * AutoAdversary's loss with respect to δ and the encoder weights, and complete PGD and AutoAdversary runs on the
 * fooled fixture whose outputs obey the threat model. Float32 tolerance: kernels sum in other orders than the
 * reference, so every element must satisfy |a − r| ≤ 1e-4·|r| + 1e-4·rms(r) ({@link ElementwiseClose}: scaled per
 * element, not by the tensor's largest value).
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

    /**
     * PGD and a complete AutoAdversary run on the committed fixture model that attacks really fool (a no-op attack
     * fails here): every device's result obeys the threat model, recomputed from its arrays, with at least half of
     * the images fooled and at least one partial mask.
     */
    @Test
    void attacksOnEveryDeviceFoolTheFixtureWithinTheirThreatModel() {
        Tensor x = FooledFixture.images(8);
        Tensor y = FooledFixture.labels(8);
        for (Device d : TestDevices.nonReference()) {
            Classifier f = Classifier.of(FooledFixture.classifier().module().to(d));
            Tensor xd = x.to(d);
            Tensor yd = y.to(d);
            AttackResult dense = new Pgd().eps(EPS).seed(2).run(f, xd, yd);
            assertEquals(d, dense.adversarial().device(), "PGD result left the device " + d);
            ThreatModelCheck.verify(d + " pgd", f, xd, dense, ThreatModelCheck.linf(EPS), 0.5);
            AttackResult sparse = new AutoAdversary().base(new Pgd().eps(EPS).seed(2)).steps(30).run(f, xd, yd);
            assertEquals(d, sparse.adversarial().device(), "AutoAdversary result left the device " + d);
            int partial = ThreatModelCheck.verify(d + " autoadversary", f, xd, sparse, ThreatModelCheck.linf(EPS), 0.5);
            assertTrue(partial >= 1, d + ": no image with a partial mask");
        }
    }
}
