package sabre.apps.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sabre.apps.cam.ClassActivation;
import sabre.apps.cam.CamFigure;
import sabre.apps.report.ProgressBar;
import sabre.apps.report.Provenance;
import sabre.apps.report.RunJson;
import sabre.apps.train.RunFiles;
import sabre.data.Datasets;
import sabre.data.ImageDataset;
import sabre.nn.Module;
import sabre.nn.models.FeatureClassifier;
import sabre.tensor.Device;
import sabre.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code sabre cam}: Grad-CAM heatmaps of what a model looked at, overlaid on its inputs as PNG. */
@Command(name = "cam", mixinStandardHelpOptions = true, description = "Grad-CAM heatmaps over input images (PNG).")
public final class CamCommand implements Callable<Integer> {
    /**
     * {@code cam.csv}'s columns, named as in {@code samples.csv}: the row (image) number, the explained (predicted)
     * class and its name, its softmax probability, the true class and its name (empty for --images), the PNG.
     */
    static final String CSV_HEADER = "index,predicted,predicted_name,probability,label,label_name,file";

    @Mixin
    ModelSource source;

    @Option(names = "--images", description = "Images .npy (NCHW/NHWC, float in [0, 1] or uint8).")
    Path images;

    @Option(names = "--data", description = "Take the first --count test images of this data set instead "
            + "(default: the run's data set).")
    String data;

    @Option(names = "--count", defaultValue = "8", description = "How many test images with --data (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--out", required = true, description = "Output directory for cam_<i>.png and cam.csv.")
    Path out;

    @Option(names = "--zoom", defaultValue = "6", description = "Pixel scale of the PNGs (default: ${DEFAULT-VALUE}).")
    int zoom;

    @Mixin
    DeviceOptions device;

    @Override
    public Integer call() throws Exception {
        Counts.atLeastOne("--count", count);
        Counts.atLeastOne("--zoom", zoom);
        if (zoom > 64) {
            throw new IllegalArgumentException("cam: --zoom must be at most 64, found " + zoom);
        }
        Tensor x;
        List<String> classNames = List.of();
        int[] labels = null;
        if (images != null) {
            x = ImageArrays.read(images);
            classNames = runClassNames();
        } else {
            String spec = data != null ? data : source.trainedData();
            if (spec == null) {
                throw new IllegalArgumentException("cam: give --images FILE.npy or --data SPEC");
            }
            ImageDataset test = Datasets.open(spec).test();
            int n = Math.min(count, test.size());
            List<Tensor> list = new ArrayList<>();
            labels = new int[n];
            for (int i = 0; i < n; i++) {
                list.add(test.image(i));
                labels[i] = test.label(i);
            }
            x = Tensor.stack(list, 0);
            classNames = test.classNames();
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
        double[] scores = maps.scores();
        StringBuilder index = new StringBuilder(CSV_HEADER).append('\n');
        for (int i = 0; i < x.shape(0); i++) {
            Path png = out.resolve("cam_" + i + ".png");
            String predicted = className(classNames, maps.classes()[i]);
            List<String> captions = List.of("predicted: " + predicted + " (" + ProgressBar.percent(scores[i]) + ")",
                    labels == null ? "image " + i + " of " + images.getFileName()
                            : "true: " + className(classNames, labels[i]) + " (test image " + i + ")");
            CamFigure.write(x.select(0, i), heat.select(0, i).select(0, 0), zoom, captions, png);
            index.append(i).append(',').append(maps.classes()[i]).append(',').append(csv(predicted)).append(',')
                    .append(String.format(Locale.ROOT, "%.6f", scores[i])).append(',')
                    .append(labels == null ? "" : labels[i]).append(',')
                    .append(labels == null ? "" : csv(className(classNames, labels[i]))).append(',')
                    .append(png.getFileName()).append('\n');
        }
        Files.writeString(out.resolve("cam.csv"), index);
        System.out.printf("wrote %d Grad-CAM overlays to %s%n", x.shape(0), out.toAbsolutePath());
        return 0;
    }

    /** The class names of the run's data set (from its provenance.json), or none for --arch/--weights. */
    private List<String> runClassNames() throws IOException {
        if (source.run == null) {
            return List.of();
        }
        Path file = new RunFiles(source.run).provenance();
        Object listed = RunJson.object(Provenance.read(file), "data", file).get("classes");
        return listed instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }

    /** Class {@code c}'s name, or {@code class c} when the names are unknown (as in the attack grid). */
    static String className(List<String> names, int c) {
        return c >= 0 && c < names.size() ? names.get(c) : "class " + c;
    }

    /** A CSV field, quoted when it holds a comma or a quote. */
    private static String csv(String field) {
        return field.contains(",") || field.contains("\"") ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }
}
