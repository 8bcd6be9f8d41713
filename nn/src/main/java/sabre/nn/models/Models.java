package sabre.nn.models;

import sabre.nn.Module;
import sabre.tensor.Generator;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The thesis's classifiers by name. Fixed names: {@code smallcnn}, {@code resnet18/34/50/101} ({@link CifarResNet}),
 * {@code resnet20/32/44/56/110} ({@link ResNetCifar}), {@code preact18} ({@link PreActResNet}), {@code wrn-28-10}
 * ({@link WideResNet}, dropout 0.3), {@code shakeshake26-2x32d} and {@code shakeshake26-2x96d} ({@link ShakeResNet});
 * {@code resnet18-imagenet}, {@code resnet50-imagenet}, {@code wide_resnet50_2} ({@link ImageNetResNet}, torchvision);
 * and the families {@code wrn-D-K} and {@code shakeshake-D-2xWd} (also written {@code shakeshakeD-2xWd}). Names are
 * case-insensitive ({@code ResNet20} = {@code resnet20}).
 *
 * <pre>{@code Module net = Models.create("resnet20", ModelConfig.CIFAR10, new Generator(0));}</pre>
 */
public final class Models {
    /** Dropout rate of the registry's Wide ResNets (Zagoruyko and Komodakis' CIFAR setting). */
    public static final double WRN_DROPOUT = 0.3;

    private static final List<String> NAMES = List.of("smallcnn", "resnet18", "resnet34", "resnet50", "resnet101",
            "resnet20", "resnet32", "resnet44", "resnet56", "resnet110", "preact18", "wrn-28-10", "shakeshake26-2x32d",
            "shakeshake26-2x96d", "resnet18-imagenet", "resnet50-imagenet", "wide_resnet50_2");
    private static final Pattern WRN = Pattern.compile("wrn-(\\d{1,4})-(\\d{1,4})");
    private static final Pattern SHAKE = Pattern.compile("shakeshake-?(\\d{1,4})-2x(\\d{1,4})d");

    private Models() {
    }

    /** The fixed names, in a stable order (the families {@code wrn-D-K}, {@code shakeshake-D-2xWd} come on top). */
    public static List<String> names() {
        return NAMES;
    }

    /** A new model with parameters drawn from {@code g}; unknown names fail listing the known ones. */
    public static Module create(String written, ModelConfig config, Generator g) {
        String name = written.toLowerCase(Locale.ROOT);
        switch (name) {
            case "smallcnn":
                return new SmallCnn(config, g);
            case "resnet18", "resnet34", "resnet50", "resnet101":
                return new CifarResNet(Integer.parseInt(name.substring(6)), config, g);
            case "resnet20", "resnet32", "resnet44", "resnet56", "resnet110":
                return new ResNetCifar(Integer.parseInt(name.substring(6)), config, g);
            case "preact18":
                return PreActResNet.preAct18(config, g);
            case "resnet18-imagenet":
                return ImageNetResNet.resnet18(config, g);
            case "resnet50-imagenet":
                return ImageNetResNet.resnet50(config, g);
            case "wide_resnet50_2":
                return ImageNetResNet.wideResnet50x2(config, g);
            default:
                break;
        }
        Matcher wrn = WRN.matcher(name);
        if (wrn.matches()) {
            int depth = Integer.parseInt(wrn.group(1));
            return new WideResNet(depth, Integer.parseInt(wrn.group(2)), WRN_DROPOUT, config, g);
        }
        Matcher shake = SHAKE.matcher(name);
        if (shake.matches()) {
            return new ShakeResNet(Integer.parseInt(shake.group(1)), Integer.parseInt(shake.group(2)), config, g);
        }
        throw new IllegalArgumentException("Models: unknown model '" + written + "'; known: " + String.join(", ", NAMES)
                + ", wrn-D-K, shakeshake-D-2xWd");
    }
}
