package sabre.apps.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sabre.nn.Module;
import sabre.nn.io.Npy;
import sabre.tensor.Device;
import sabre.tensor.Tensor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code sabre predict}: logits of a model for images in a {@code .npy} file. */
@Command(name = "predict", mixinStandardHelpOptions = true, description = "Write logits.npy for images in a .npy file "
        + "(normalised inside as the run was trained, or by --mean/--std).")
public final class PredictCommand implements Callable<Integer> {
    @Mixin
    ModelSource source;

    @Option(names = "--images", required = true, description = "Images .npy: NCHW or NHWC, float in [0, 1] or uint8.")
    Path images;

    @Option(names = "--out", required = true, description = "Output directory for logits.npy.")
    Path out;

    @Option(names = "--batch", defaultValue = "256", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Mixin
    DeviceOptions device;

    @Override
    public Integer call() throws Exception {
        Counts.atLeastOne("--batch", batch);
        Tensor x = ImageArrays.read(images);
        Module model = source.load(x.shape(1), x.shape(2));
        Device d = device.select();
        model.to(d);
        Tensor logits = source.classifier(model).logits(x.to(d), batch).to(Device.CPU);
        Files.createDirectories(out);
        Npy.write(out.resolve("logits.npy"), logits);
        System.out.printf("wrote logits %s to %s%n", java.util.Arrays.toString(logits.shape()),
                out.resolve("logits.npy").toAbsolutePath());
        return 0;
    }
}
