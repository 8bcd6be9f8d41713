package sabre.apps.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sabre.apps.cam.ClassActivation;
import sabre.apps.cam.Overlay;
import sabre.data.Datasets;
import sabre.data.ImageDataset;
import sabre.nn.Module;
import sabre.nn.models.FeatureClassifier;
import sabre.tensor.Device;
import sabre.tensor.Tensor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code sabre cam}: Grad-CAM heatmaps of what a model looked at, overlaid on its inputs as PNG. */
@Command(name = "cam", mixinStandardHelpOptions = true, description = "Grad-CAM heatmaps over input images (PNG).")
public final class CamCommand implements Callable<Integer> {
    @Mixin
    ModelSource source;

    @Option(names = "--images", description = "Images .npy (NCHW/NHWC, float in [0, 1] or uint8).")
    Path images;

    @Option(names = "--data", description = "Take the first --count test images of this data set instead "
            + "(default: the run's data set).")
    String data;

    @Option(names = "--count", defaultValue = "8", description = "How many test images with --data (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--out", required = true, description = "Output directory for cam_<i>.png.")
    Path out;

    @Option(names = "--zoom", defaultValue = "6", description = "Pixel scale of the PNGs (default: ${DEFAULT-VALUE}).")
    int zoom;

    @Mixin
    DeviceOptions device;

    @Override
    public Integer call() throws Exception {
        Counts.atLeastOne("--count", count);
        Counts.atLeastOne("--zoom", zoom);
        Tensor x;
        List<String> names = new ArrayList<>();
        if (images != null) {
            x = ImageArrays.read(images);
        } else {
            String spec = data != null ? data : source.trainedData();
            if (spec == null) {
                throw new IllegalArgumentException("cam: give --images FILE.npy or --data SPEC");
            }
            ImageDataset test = Datasets.open(spec).test();
            int n = Math.min(count, test.size());
            List<Tensor> list = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                list.add(test.image(i));
                names.add(test.className(test.label(i)));
            }
            x = Tensor.stack(list, 0);
        }
        Module model = source.load(x.shape(1), x.shape(2));
        if (!(model instanceof FeatureClassifier fc)) {
            throw new IllegalArgumentException("cam: " + model.getClass().getSimpleName()
                    + " does not expose its feature map");
        }
        Device d = device.select();
        model.to(d);
        // the model sees the images normalised as it was trained; the overlays show them as they are
        ClassActivation.Maps maps = ClassActivation.gradCam(fc, source.normalization().apply(x.to(d)), null);
        Files.createDirectories(out);
        Tensor heat = maps.heatmaps().to(Device.CPU);
        StringBuilder index = new StringBuilder("image,predicted_class,true_class,file\n");
        for (int i = 0; i < x.shape(0); i++) {
            Path png = out.resolve("cam_" + i + ".png");
            Overlay.write(x.select(0, i), heat.select(0, i).select(0, 0), zoom, png);
            index.append(i).append(',').append(maps.classes()[i]).append(',')
                    .append(names.isEmpty() ? "" : names.get(i)).append(',').append(png.getFileName()).append('\n');
        }
        Files.writeString(out.resolve("cam.csv"), index);
        System.out.printf("wrote %d Grad-CAM overlays to %s%n", x.shape(0), out.toAbsolutePath());
        return 0;
    }
}
