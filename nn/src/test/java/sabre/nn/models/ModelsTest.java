package sabre.nn.models;

import org.junit.jupiter.api.Test;
import sabre.nn.Module;
import sabre.tensor.Generator;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The registry: names, the classes and variants they build, and the error for unknown names. */
class ModelsTest {
    private static final ModelConfig CIFAR = ModelConfig.CIFAR10;

    @Test
    void listsTheFixedNames() {
        assertEquals(List.of("smallcnn", "resnet18", "resnet34", "resnet50", "resnet101", "resnet20", "resnet32",
                "resnet44", "resnet56", "resnet110", "preact18", "wrn-28-10", "shakeshake26-2x32d",
                "shakeshake26-2x96d", "resnet18-imagenet", "resnet50-imagenet", "wide_resnet50_2"), Models.names());
    }

    @Test
    void namesBuildTheirFamilies() {
        Generator g = new Generator(0);
        assertInstanceOf(SmallCnn.class, Models.create("smallcnn", ModelConfig.FASHION_MNIST, g));
        assertEquals("ResNet-18", ((CifarResNet) Models.create("resnet18", CIFAR, g)).name());
        assertEquals("ResNet-32", ((ResNetCifar) Models.create("resnet32", CIFAR, g)).name());
        assertEquals("PreActResNet-18", ((PreActResNet) Models.create("preact18", CIFAR, g)).name());
        Module wrn = Models.create("wrn-16-4", CIFAR, g);
        assertEquals("WRN-16-4", ((WideResNet) wrn).name());
        assertTrue(wrn.toString().contains("WideBlock(dropRate=0.3)"), wrn.toString());
        assertEquals("Shake-Shake-14 2x16d", ((ShakeResNet) Models.create("shakeshake-14-2x16d", CIFAR, g)).name());
        assertEquals("Shake-Shake-14 2x16d", ((ShakeResNet) Models.create("shakeshake14-2x16d", CIFAR, g)).name());
        assertEquals("Wide ResNet-50-2", ((ImageNetResNet) Models.create("wide_resnet50_2", CIFAR, g)).name());
    }

    @Test
    void unknownNamesListTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Models.create("resnet19", CIFAR, new Generator(0)));
        assertTrue(e.getMessage().startsWith("Models: unknown model 'resnet19'; known: smallcnn, resnet18,"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("wide_resnet50_2, wrn-D-K, shakeshake-D-2xWd"), e.getMessage());
    }

    @Test
    void familyNamesWithBadDepthsFailNamingTheFamily() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Models.create("wrn-27-10", CIFAR, new Generator(0)));
        assertTrue(e.getMessage().startsWith("WideResNet: depth 27 is not 6n+4"), e.getMessage());
    }
}
