package sabre.nn.models;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import sabre.autograd.NoGrad;
import sabre.autograd.Var;
import sabre.nn.Module;
import sabre.tensor.DType;
import sabre.tensor.Generator;
import sabre.tensor.Tensor;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Output and feature shapes at every supported input (1×28×28, 3×32×32, 3×64×64), training steps, initialisation
 * statistics and refused configurations. The reference backend does ~0.2 GMAC/s, so the families with a 64-channel
 * stem (CifarResNet, PreActResNet) run in their smallest form and not at 64×64 (7 s a sample); their 1×28×28 runs
 * are the PyTorch goldens of ModelReferenceTest, and the pooling head they share is exercised at 64×64 here.
 */
class ModelShapeTest {
    private static final ModelConfig FASHION = ModelConfig.FASHION_MNIST;
    private static final ModelConfig CIFAR = ModelConfig.CIFAR10;
    private static final ModelConfig TINY = new ModelConfig(3, 64, 200);

    private static final Map<String, BiFunction<ModelConfig, Generator, ResidualClassifier>> SMALL = Map.of(
            "ResNet-20", (c, g) -> new ResNetCifar(20, c, g),
            "WRN-10-1", (c, g) -> new WideResNet(10, 1, 0.3, c, g),
            "Shake-Shake-8 2x8d", (c, g) -> new ShakeResNet(8, 8, c, g),
            "ResNet-10", (c, g) -> new CifarResNet(c, false, new int[] {1, 1, 1, 1}, g),
            "PreActResNet-10", (c, g) -> new PreActResNet(c, new int[] {1, 1, 1, 1}, g));

    static Stream<Arguments> shapes() {
        // model, config, feature channels, feature side
        return Stream.of(
                Arguments.of("ResNet-20", FASHION, 64, 7), Arguments.of("ResNet-20", CIFAR, 64, 8),
                Arguments.of("ResNet-20", TINY, 64, 16),
                Arguments.of("WRN-10-1", FASHION, 64, 7), Arguments.of("WRN-10-1", CIFAR, 64, 8),
                Arguments.of("WRN-10-1", TINY, 64, 16),
                Arguments.of("Shake-Shake-8 2x8d", FASHION, 32, 7), Arguments.of("Shake-Shake-8 2x8d", CIFAR, 32, 8),
                Arguments.of("Shake-Shake-8 2x8d", TINY, 32, 16),
                Arguments.of("ResNet-10", CIFAR, 512, 4), Arguments.of("PreActResNet-10", CIFAR, 512, 4));
    }

    private static Var images(ModelConfig c, int n) {
        return Var.of(Tensor.rand(new Generator(11), DType.FLOAT32, n, c.inChannels(), c.imageSize(), c.imageSize()));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("shapes")
    void featuresAndLogitsHaveTheDocumentedShapes(String name, ModelConfig c, int channels, int side) {
        ResidualClassifier model = SMALL.get(name).apply(c, new Generator(5));
        model.eval();
        try (NoGrad scope = NoGrad.enter()) {
            Var f = model.features(images(c, 2));
            assertArrayEquals(new int[] {2, channels, side, side}, f.shape(), name + " features");
            assertArrayEquals(new int[] {2, c.classes()}, model.classify(f).shape(), name + " logits");
        }
    }

    @Test
    void aTrainingStepReachesEveryUsedParameterAndUpdatesBatchStatistics() {
        List<ResidualClassifier> models = List.of(new ResNetCifar(20, CIFAR, new Generator(5)),
                new WideResNet(10, 1, 0.3, FASHION, new Generator(5)), new ShakeResNet(14, 8, CIFAR, new Generator(5)));
        for (ResidualClassifier model : models) {
            model.forward(images(model.config(), 2)).sum().backward();
            model.namedParameters().forEach((k, p) -> {
                // Shake-Shake blocks that keep their width carry a shortcut they never use (see ShakeBlock)
                if (unusedShortcut(model, k)) {
                    assertNull(p.grad(), model.name() + " " + k);
                } else {
                    assertNotNull(p.grad(), model.name() + " " + k);
                }
            });
            model.namedBuffers().forEach((k, b) -> {
                if (k.endsWith("num_batches_tracked")) {
                    assertEquals(unusedShortcut(model, k) ? 0 : 1, b.item(), model.name() + " " + k);
                }
            });
        }
    }

    private static boolean unusedShortcut(ResidualClassifier model, String key) {
        return model instanceof ShakeResNet && key.matches("layer\\d\\.[1-9]\\d*\\.shortcut\\..*");
    }

    @Test
    void randomLayersDrawFromTheModelGeneratorOnly() {
        for (String name : List.of("WRN-10-1", "Shake-Shake-8 2x8d")) {
            ResidualClassifier a = SMALL.get(name).apply(CIFAR, new Generator(5));
            ResidualClassifier b = SMALL.get(name).apply(CIFAR, new Generator(5));
            Var x = images(CIFAR, 2);
            float[] first;
            try (NoGrad scope = NoGrad.enter()) {
                first = a.forward(x).value().toFloatArray();
                assertArrayEquals(first, b.forward(x).value().toFloatArray(), name + ": same seed, same draws");
                assertTrue(!Arrays.equals(first, a.forward(x).value().toFloatArray()), name + ": fresh draws");
                a.eval();
                assertArrayEquals(a.forward(x).value().toFloatArray(), a.forward(x).value().toFloatArray(), name);
            }
            assertEquals(1, a.namedGenerators().size(), name);
        }
    }

    @Test
    void restoringTheGeneratorReplaysTheDraws() {
        ShakeResNet model = new ShakeResNet(8, 8, CIFAR, new Generator(5));
        Generator shake = model.namedGenerators().get("shake");
        long seed = shake.seed();
        long offset = shake.offset();
        Var x = images(CIFAR, 2);
        try (NoGrad scope = NoGrad.enter()) {
            float[] first = model.forward(x).value().toFloatArray();
            model.setGenerator("shake", new Generator(seed, offset));
            assertArrayEquals(first, model.forward(x).value().toFloatArray());
        }
    }

    @Test
    void initialisationFollowsTheReferenceCode() {
        ResNetCifar resnet = new ResNetCifar(20, CIFAR, new Generator(1));
        // akamaster: kaiming_normal_ (fan-in) on Conv2d and Linear weights
        assertStd(resnet, "layer3.2.conv2.weight", Math.sqrt(2.0 / (64 * 9)));
        assertStd(resnet, "linear.weight", Math.sqrt(2.0 / 64));
        // xternalz and owruby: conv N(0, 2/(k·k·out)), linear bias 0
        WideResNet wrn = new WideResNet(10, 2, 0.3, CIFAR, new Generator(1));
        assertStd(wrn, "block3.layer.0.conv2.weight", Math.sqrt(2.0 / (9 * 128)));
        assertEquals(0, wrn.stateDict().get("fc.bias").abs().sum().item());
        ShakeResNet shake = new ShakeResNet(8, 32, CIFAR, new Generator(1));
        assertStd(shake, "layer3.0.branch1.4.weight", Math.sqrt(2.0 / (9 * 128)));
        assertEquals(0, shake.stateDict().get("fc_out.bias").abs().sum().item());
        // kuangliu: PyTorch's default, U(±1/√fan_in), std 1/√(3·fan_in)
        CifarResNet kuangliu = new CifarResNet(CIFAR, false, new int[] {1, 1, 1, 1}, new Generator(1));
        assertStd(kuangliu, "layer4.0.conv2.weight", 1 / Math.sqrt(3.0 * 512 * 9));
    }

    private static void assertStd(Module m, String key, double expected) {
        Tensor w = m.stateDict().get(key).to(DType.FLOAT64);
        double std = Math.sqrt(w.mul(w).mean().item());
        assertEquals(expected, std, 0.05 * expected, key);
    }

    @Test
    void badConfigurationsAndInputsNameTheModel() {
        Generator g = new Generator(0);
        assertMessage("ResNet-20: image size 48 is not supported",
                () -> new ResNetCifar(20, new ModelConfig(3, 48, 10), g));
        assertMessage("ResNetCifar: depth 21 is not 6n+2", () -> new ResNetCifar(21, CIFAR, g));
        assertMessage("WideResNet: depth 27 is not 6n+4", () -> new WideResNet(27, 10, 0.3, CIFAR, g));
        assertMessage("WideResNet: width must be positive and the dropout rate in [0, 1)",
                () -> new WideResNet(10, 1, 1.0, CIFAR, g));
        assertMessage("ShakeResNet: width must be positive and even", () -> new ShakeResNet(8, 7, CIFAR, g));
        assertMessage("ShakeResNet: depth 9 is not 6n+2", () -> new ShakeResNet(9, 8, CIFAR, g));
        assertMessage("CifarResNet: depth 20 is not one of 18, 34, 50, 101", () -> new CifarResNet(20, CIFAR, g));
        assertMessage("CifarResNet: expected 4 stages of at least one block, found [2, 2, 2]",
                () -> new CifarResNet(CIFAR, false, new int[] {2, 2, 2}, g));
        assertMessage("PreActResNet: expected 4 stages of at least one block, found [1, 0, 1, 1]",
                () -> new PreActResNet(CIFAR, new int[] {1, 0, 1, 1}, g));
        ResNetCifar net = new ResNetCifar(20, CIFAR, g);
        assertMessage("ResNet-20: expected input [N, 3, 32, 32], found [2, 1, 28, 28]",
                () -> net.forward(images(FASHION, 2)));
        assertMessage("ResNet-20: expected input [N, 3, 32, 32], found [3, 32, 32]",
                () -> net.forward(Var.of(Tensor.zeros(3, 32, 32))));
    }

    private static void assertMessage(String start, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }
}
