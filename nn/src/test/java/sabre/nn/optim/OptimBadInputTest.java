package sabre.nn.optim;

import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import sabre.autograd.Var;
import sabre.tensor.Tensor;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Bad hyper-parameters and arguments raise IllegalArgumentException naming the optimizer/schedule and the problem. */
class OptimBadInputTest {
    private static final Var P = Var.param(Tensor.of(new double[] {1, 2}, 2));
    private static final List<Var> PS = List.of(P);
    private static final double NAN = Double.NaN;

    static Stream<Arguments> cases() {
        return Stream.of(
                bad("SGD: the parameter list is empty", () -> new SGD(List.of(), 0.1)),
                bad("SGD: the parameter list is empty", () -> new SGD(null, 0.1)),
                bad("SGD: parameter 0 is not a leaf requiring a gradient",
                        () -> new SGD(List.of(Var.of(Tensor.of(new double[] {1}, 1))), 0.1)),
                bad("SGD: parameter 1 is not a leaf requiring a gradient", () -> new SGD(List.of(P, P.mul(2)), 0.1)),
                bad("SGD: parameter 1 is the same var as parameter 0", () -> new SGD(List.of(P, P), 0.1)),
                bad("SGD: learning rate must be finite and >= 0, found -0.1", () -> new SGD(PS, -0.1)),
                bad("SGD: learning rate must be finite and >= 0, found NaN", () -> new SGD(PS, NAN)),
                bad("SGD: momentum must be finite and >= 0", () -> new SGD(PS, 0.1, -0.9, 0, 0, false)),
                bad("SGD: dampening must be finite", () -> new SGD(PS, 0.1, 0.9, NAN, 0, false)),
                bad("SGD: weight decay must be finite and >= 0", () -> new SGD(PS, 0.1, 0.9, 0, -1e-4, false)),
                bad("SGD: Nesterov momentum requires momentum > 0 and dampening = 0, found momentum 0.0",
                        () -> new SGD(PS, 0.1, 0, 0, 0, true)),
                bad("SGD: Nesterov momentum requires momentum > 0 and dampening = 0, found momentum 0.9 and "
                        + "dampening 0.1", () -> new SGD(PS, 0.1, 0.9, 0.1, 0, true)),
                bad("Adam: beta1 must be in [0, 1), found 1.0", () -> new Adam(PS, 0.1, 1.0, 0.999, 1e-8, 0, false)),
                bad("Adam: beta2 must be in [0, 1), found -0.5", () -> new Adam(PS, 0.1, 0.9, -0.5, 1e-8, 0, false)),
                bad("Adam: beta2 must be in [0, 1), found NaN", () -> new Adam(PS, 0.1, 0.9, NAN, 1e-8, 0, false)),
                bad("Adam: eps must be finite and >= 0", () -> new Adam(PS, 0.1, 0.9, 0.999, -1e-8, 0, false)),
                bad("Adam: weight decay must be finite and >= 0", () -> new Adam(PS, 0.1, 0.9, 0.999, 1e-8, NAN,
                        false)),
                bad("AdamW: beta1 must be in [0, 1)", () -> new AdamW(PS, 0.1, 1.5, 0.999, 1e-8, 0.01, false)),
                bad("AdamW: learning rate must be finite and >= 0, found Infinity",
                        () -> new AdamW(PS, Double.POSITIVE_INFINITY)),
                bad("Adam: learning rate must be finite and >= 0, found -1.0", () -> new Adam(PS, 0.1).setLr(-1)),
                bad("StepLR: step size must be >= 1, found 0", () -> new StepLR(0.1, 0, 0.1)),
                bad("StepLR: gamma must be finite and > 0, found 0.0", () -> new StepLR(0.1, 10, 0)),
                bad("StepLR: base learning rate must be finite and >= 0", () -> new StepLR(-0.1, 10, 0.1)),
                bad("StepLR: index must be >= 0, found -1", () -> new StepLR(0.1, 10, 0.1).lr(-1)),
                bad("MultiStepLR: milestones must be >= 0, found [3, -1]",
                        () -> new MultiStepLR(0.1, new int[] {3, -1}, 0.1)),
                bad("MultiStepLR: milestones are null", () -> new MultiStepLR(0.1, null, 0.1)),
                bad("MultiStepLR: gamma must be finite and > 0", () -> new MultiStepLR(0.1, new int[] {3}, NAN)),
                bad("WarmupCosineLR: need 0 <= warm-up < total, found warm-up 10 and total 10",
                        () -> new WarmupCosineLR(0.1, 10, 10, 0)),
                bad("WarmupCosineLR: need 0 <= warm-up < total, found warm-up -1 and total 10",
                        () -> new WarmupCosineLR(0.1, -1, 10, 0)),
                bad("WarmupCosineLR: minimum learning rate must be finite and >= 0",
                        () -> new WarmupCosineLR(0.1, 0, 10, -0.001)),
                bad("WarmupCosineLR: index must be >= 0", () -> new WarmupCosineLR(0.1, 0, 10, 0).apply(
                        new SGD(PS, 0.1), -3)),
                bad("LinearRampLR: steps must be >= 1, found 0", () -> new LinearRampLR(0.01, 0.1, 0)),
                bad("LinearRampLR: end rate must be finite and >= 0", () -> new LinearRampLR(0.01, NAN, 5)),
                bad("clipGradNorm: norm type must be > 0 (or infinity), found 0.0",
                        () -> GradClip.clipGradNorm(PS, 1, 0)),
                bad("clipGradNorm: max norm must be >= 0, found NaN", () -> GradClip.clipGradNorm(PS, NAN, 2)),
                bad("clipGradNorm: the parameter list is null", () -> GradClip.clipGradNorm(null, 1, 2)));
    }

    private static Arguments bad(String messagePrefix, Executable call) {
        return arguments(messagePrefix, call);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusedWithANamedMessage(String messagePrefix, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(messagePrefix), "message '" + e.getMessage() + "' should start with '"
                + messagePrefix + "'");
    }
}
