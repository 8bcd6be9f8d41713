package sabre.nn.models;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import sabre.autograd.NoGrad;
import sabre.autograd.Var;
import sabre.nn.Module;
import sabre.tensor.DType;
import sabre.tensor.Generator;
import sabre.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checks the models against the PyTorch reference architectures ({@code nn/src/test/python/model_keys.py}): the same
 * state-dict keys in the same order with the same shapes and the same parameter count (so a reference checkpoint
 * loads unchanged), and — with every state entry and the input filled by the same formula on both sides — the same
 * eval-mode logits, which pins down what the keys alone cannot (option-A channel padding, the Shake-Shake shortcut's
 * shift, pre-activation order, where the stride sits).
 */
class ModelReferenceTest {
    private static final Pattern KUANGLIU = Pattern.compile("kuangliu-(basic|bottleneck)-(\\d+)-(\\d+)-(\\d+)-(\\d+)");
    private static final Pattern TORCHVISION =
            Pattern.compile("torchvision-(basic|bottleneck)-(\\d+)-(\\d+)-(\\d+)-(\\d+)-w(\\d+)");

    static List<ReferenceModels.Keys> keys() {
        return ReferenceModels.keys();
    }

    static List<ReferenceModels.Golden> goldens() {
        return ReferenceModels.goldens();
    }

    /**
     * A registry name, {@code kuangliu-BLOCK-a-b-c-d} for CifarResNet's general form, or
     * {@code torchvision-BLOCK-a-b-c-d-wW} for ImageNetResNet's (width factor W).
     */
    private static Module build(String name, ModelConfig config) {
        Matcher tv = TORCHVISION.matcher(name);
        if (tv.matches()) {
            int[] blocks = {Integer.parseInt(tv.group(2)), Integer.parseInt(tv.group(3)),
                    Integer.parseInt(tv.group(4)), Integer.parseInt(tv.group(5))};
            return new ImageNetResNet(name, config, tv.group(1).equals("bottleneck"), blocks,
                    Integer.parseInt(tv.group(6)), new Generator(3));
        }
        Matcher m = KUANGLIU.matcher(name);
        if (m.matches()) {
            int[] blocks = {Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)),
                    Integer.parseInt(m.group(5))};
            return new CifarResNet(config, m.group(1).equals("bottleneck"), blocks, new Generator(3));
        }
        return Models.create(name, config, new Generator(3));
    }

    /**
     * Parameter counts of the CIFAR-10 models (3×32×32, 10 classes), computed by model_keys.py with Debian's
     * PyTorch 1.13 as {@code sum(p.numel() for p in net.parameters())} over the transcribed reference architectures.
     * Published figures agree: akamaster's table (ResNet-20 0.27M … ResNet-110 1.7M), WRN-28-10 36.5M (Zagoruyko &
     * Komodakis), Shake-Shake-26 2×32d 2.9M and 2×96d 26.2M (Gastaldi) — the owruby layout's extra 65,856 and
     * 584,640 are the unused shortcuts every block of it carries (see ShakeBlock). torchvision's 1000-class counts
     * (11,689,512; 25,557,032; 68,883,240) less the difference of their fc layers (513·990, 2049·990, 2049·990) give
     * the 10-class ImageNet-style counts.
     */
    private static final Map<String, Long> VERIFIED_PARAMS = Map.ofEntries(
            Map.entry("resnet18", 11_173_962L), Map.entry("resnet34", 21_282_122L),
            Map.entry("resnet50", 23_520_842L), Map.entry("resnet101", 42_512_970L),
            Map.entry("resnet20", 269_722L), Map.entry("resnet32", 464_154L), Map.entry("resnet44", 658_586L),
            Map.entry("resnet56", 853_018L), Map.entry("resnet110", 1_727_962L),
            Map.entry("preact18", 11_171_146L), Map.entry("wrn-28-10", 36_479_194L),
            Map.entry("shakeshake26-2x32d", 2_989_002L), Map.entry("shakeshake26-2x96d", 26_777_546L),
            Map.entry("resnet18-imagenet", 11_181_642L), Map.entry("resnet50-imagenet", 23_528_522L),
            Map.entry("wide_resnet50_2", 66_854_730L));

    @Test
    void referenceFileHoldsTheVerifiedParameterCounts() {
        Map<String, Long> file = new TreeMap<>();
        keys().forEach(k -> file.put(k.name(), k.params()));
        assertEquals(new TreeMap<>(VERIFIED_PARAMS), file);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    void stateDictMatchesPyTorch(ReferenceModels.Keys ref) {
        Module model = build(ref.name(), ref.config());
        Map<String, String> shapes = new LinkedHashMap<>();
        model.stateDict().forEach((k, v) -> shapes.put(k, Arrays.toString(v.shape())));
        assertEquals(new ArrayList<>(ref.shapes().entrySet()), new ArrayList<>(shapes.entrySet()),
                ref.name() + ": keys, order and shapes");
        assertEquals(ref.params(), model.parameterCount(), ref.name() + ": parameter count");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void evalLogitsMatchPyTorch(ReferenceModels.Golden ref) {
        ModelConfig c = ref.config();
        Module model = build(ref.name(), c);
        Map<String, Tensor> state = new LinkedHashMap<>();
        model.stateDict().forEach((k, v) -> state.put(k, ReferenceModels.fill(k, v.shape(), v.dtype())));
        assertTrue(model.loadStateDict(state, true).missing().isEmpty());
        Tensor x = ReferenceModels.fill("input", new int[] {ref.batch(), c.inChannels(), c.imageSize(), c.imageSize()},
                DType.FLOAT32);
        double[] logits;
        try (NoGrad scope = NoGrad.enter()) {
            Var y = model.eval().forward(Var.of(x));
            assertEquals(List.of(ref.batch(), c.classes()), Arrays.stream(y.shape()).boxed().toList());
            logits = y.value().toDoubleArray();
        }
        // float32 accumulation order differs from PyTorch's: tolerance relative to the largest logit
        double scale = Arrays.stream(ref.logits()).map(Math::abs).max().orElse(1);
        for (int i = 0; i < logits.length; i++) {
            assertEquals(ref.logits()[i], logits[i], 1e-4 * Math.max(1, scale), ref + ": logit " + i);
        }
    }
}
