package sabre.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sabre.nn.TensorAssert.assertRejects;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import sabre.autograd.F;
import sabre.autograd.NoGrad;
import sabre.autograd.Var;
import sabre.nn.models.ModelConfig;
import sabre.nn.models.SmallCnn;
import sabre.tensor.DType;
import sabre.tensor.Generator;
import sabre.tensor.Tensor;

/** SmallCnn: state-dict names and shapes, output shapes for the three data-set sizes, determinism, gradients. */
class SmallCnnTest {
    private static Tensor images(long seed, int n, ModelConfig c) {
        return Tensor.rand(new Generator(seed), DType.FLOAT32, n, c.inChannels(), c.imageSize(), c.imageSize());
    }

    @Test
    void stateDictKeysAreShortPyTorchNames() {
        SmallCnn net = new SmallCnn(ModelConfig.FASHION_MNIST, new Generator(0));
        List<String> bn1 = List.of("weight", "bias", "running_mean", "running_var", "num_batches_tracked");
        List<String> expected = new java.util.ArrayList<>(List.of("features.0.weight"));
        bn1.forEach(k -> expected.add("features.1." + k));
        expected.add("features.4.weight");
        bn1.forEach(k -> expected.add("features.5." + k));
        expected.addAll(List.of("classifier.0.weight", "classifier.0.bias", "classifier.3.weight",
                "classifier.3.bias"));
        assertEquals(expected, List.copyOf(net.stateDict().keySet()));
        assertEquals(List.of("classifier.2.generator"), List.copyOf(net.namedGenerators().keySet()));
    }

    @ParameterizedTest(name = "{0}x{1}x{1}, {2} classes")
    @CsvSource({"1, 28, 10", "3, 32, 10", "3, 64, 200"})
    void shapesFollowTheImageSize(int channels, int size, int classes) {
        ModelConfig c = new ModelConfig(channels, size, classes);
        SmallCnn net = new SmallCnn(c, new Generator(1));
        Map<String, Tensor> s = net.stateDict();
        int side = size / 4;
        assertArrayEquals(new int[] {32, channels, 3, 3}, s.get("features.0.weight").shape());
        assertArrayEquals(new int[] {64, 32, 3, 3}, s.get("features.4.weight").shape());
        assertArrayEquals(new int[] {128, 64 * side * side}, s.get("classifier.0.weight").shape());
        assertArrayEquals(new int[] {classes, 128}, s.get("classifier.3.weight").shape());
        long params = 32 * channels * 9 + 2 * 32 + 64 * 32 * 9 + 2 * 64 + (64L * side * side + 1) * 128
                + (128 + 1) * classes;
        assertEquals(params, net.parameterCount());
        try (NoGrad ignored = NoGrad.enter()) {
            assertArrayEquals(new int[] {2, classes}, net.eval().forward(Var.of(images(2, 2, c))).shape());
        }
    }

    @Test
    void sameSeedSameNetworkAndEvalIsDeterministic() {
        ModelConfig c = ModelConfig.FASHION_MNIST;
        SmallCnn a = new SmallCnn(c, new Generator(5));
        SmallCnn b = new SmallCnn(c, new Generator(5));
        a.stateDict().forEach((k, v) -> assertArrayEquals(v.toDoubleArray(), b.stateDict().get(k).toDoubleArray(), k));
        Var x = Var.of(images(3, 2, c));
        try (NoGrad ignored = NoGrad.enter()) {
            a.eval();
            assertArrayEquals(a.forward(x).value().toDoubleArray(), a.forward(x).value().toDoubleArray());
            // in training the dropout masks (and batch statistics) make two passes differ
            a.train(true);
            assertFalse(Arrays.equals(a.forward(x).value().toDoubleArray(), a.forward(x).value().toDoubleArray()));
        }
    }

    @Test
    void everyParameterGetsAGradient() {
        ModelConfig c = ModelConfig.FASHION_MNIST;
        SmallCnn net = new SmallCnn(c, new Generator(6));
        Var loss = F.crossEntropy(net.forward(Var.of(images(4, 4, c))), Tensor.ofInts(new int[] {0, 3, 9, 3}, 4), 0,
                F.Reduction.MEAN);
        loss.backward();
        net.namedParameters().forEach((k, p) -> {
            assertNotNull(p.grad(), k);
            assertTrue(p.grad().abs().sum().item() > 0, k + " has a zero gradient");
        });
    }

    @Test
    void treePrintShowsTheLayers() {
        String tree = new SmallCnn(ModelConfig.CIFAR10, new Generator(0)).toString();
        assertTrue(tree.startsWith("SmallCnn(3x32x32 -> 10)\n  (features): Sequential\n"
                + "    (0): Conv2d(3->32, k=3, stride=1, pad=1, bias=false)\n"), tree);
        assertTrue(tree.contains("    (2): Dropout(p=0.25)\n    (3): Linear(in=128, out=10, bias=true)\n"), tree);
    }

    @Test
    void rejectsAnInputOfTheWrongShape() {
        SmallCnn net = new SmallCnn(ModelConfig.FASHION_MNIST, new Generator(0));
        assertRejects("SmallCnn: expected input [N, 1, 28, 28], found [2, 3, 28, 28]",
                () -> net.forward(Var.of(Tensor.zeros(2, 3, 28, 28))));
        assertRejects("SmallCnn: image size", () -> new SmallCnn(new ModelConfig(1, 3, 10), new Generator(0)));
    }
}
