package sabre.apps.cli;

import picocli.CommandLine.Option;
import sabre.apps.attack.Inputs;
import sabre.attacks.Classifier;
import sabre.data.Datasets;
import sabre.data.ImageDataset;
import sabre.data.OpenedDataset;
import sabre.nn.Module;
import sabre.nn.io.Npy;
import sabre.tensor.DType;
import sabre.tensor.Device;
import sabre.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The images an attacking command works on: the first {@code --n} of a data set's split (optionally only those
 * the model classifies correctly), or {@code --images X.npy --labels Y.npy}; loads the model for their geometry.
 */
final class InputOptions {
    @Option(names = "--data", description = "Data set (default: the one the run was trained on).")
    String data;

    @Option(names = "--split", defaultValue = "test", description = "train or test (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--n", defaultValue = "1000", description = "First N images of the split (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--correct-only", description = "Keep the first N images the model classifies correctly.")
    boolean correctOnly;

    @Option(names = "--images", description = "Images .npy (NCHW/NHWC, float in [0, 1] or uint8), with --labels.")
    Path images;

    @Option(names = "--labels", description = "Integer labels .npy [N], with --images.")
    Path labels;

    /** The model and the inputs, both on {@code device}. */
    record Loaded(Classifier model, Inputs inputs) {
    }

    Loaded load(ModelSource source, Device device, String command) throws IOException {
        if (images != null || labels != null) {
            if (images == null || labels == null) {
                throw new IllegalArgumentException(command + ": give --images and --labels together");
            }
            if (correctOnly) {
                throw new IllegalArgumentException(command + ": --correct-only works with --data, not --images");
            }
            Inputs in = Inputs.of(ImageArrays.read(images), readLabels(labels, "labels"));
            return new Loaded(model(source, in.channels(), in.images().shape(2), device), in.to(device));
        }
        String spec = data != null ? data : source.trainedData();
        if (spec == null) {
            throw new IllegalArgumentException(command + ": give --data NAME or --images/--labels with --arch/--weights");
        }
        OpenedDataset opened = Datasets.open(spec);
        ImageDataset set = switch (split) {
            case "test" -> opened.test();
            case "train" -> opened.train();
            default -> throw new IllegalArgumentException(command + ": --split is train or test, not '" + split + "'");
        };
        Classifier f = model(source, set.channels(), set.height(), device);
        Inputs in = correctOnly ? Inputs.firstCorrect(set, n, f, device) : Inputs.first(set, n);
        return new Loaded(f, in.to(device));
    }

    private static Classifier model(ModelSource source, int channels, int size, Device device) throws IOException {
        Module m = source.load(channels, size);
        m.to(device);
        return source.classifier(m);
    }

    /** Integer class indices from .npy (INT32 after reading; int64 files are read as INT32). */
    static Tensor readLabels(Path file, String what) throws IOException {
        Tensor t = Npy.read(file);
        if (t.dtype().isFloating()) {
            throw new IllegalArgumentException(file + ": " + what + " must be integers, found " + t.dtype());
        }
        return t.to(DType.INT32);
    }
}
