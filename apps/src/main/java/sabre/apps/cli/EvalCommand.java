package sabre.apps.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sabre.apps.train.Evaluation;
import sabre.data.Datasets;
import sabre.data.ImageDataset;
import sabre.data.OpenedDataset;
import sabre.nn.Module;
import sabre.nn.models.Models;
import sabre.tensor.Device;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code sabre eval}: accuracy, per-class accuracy and the confusion matrix of a model on a test set. */
@Command(name = "eval", mixinStandardHelpOptions = true, description = "Evaluate a model on a test set.")
public final class EvalCommand implements Callable<Integer> {
    @Mixin
    ModelSource source;

    @Option(names = "--data", description = "Data set (default: the one the run was trained on).")
    String data;

    @Option(names = "--out", description = "Output directory (default: RUN/eval).")
    Path out;

    @Option(names = "--batch", defaultValue = "256", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--list-models", description = "Print the known architectures and exit.")
    boolean listModels;

    @Mixin
    DeviceOptions device;

    @Override
    public Integer call() throws Exception {
        if (listModels) {
            Models.names().forEach(System.out::println);
            return 0;
        }
        Counts.atLeastOne("--batch", batch);
        String spec = data != null ? data : source.trainedData();
        if (spec == null) {
            throw new IllegalArgumentException("eval: give --data with --arch/--weights");
        }
        OpenedDataset opened = Datasets.open(spec);
        opened.notice().ifPresent(System.err::println);
        ImageDataset test = opened.test();
        Module model = source.load(test.channels(), test.height());
        Device d = device.select();
        model.to(d); // the weights where the batches go
        Evaluation.Result r = Evaluation.run(source.classifier(model), test, batch, d);
        Path dir = out != null ? out : (source.run != null ? source.run.resolve("eval") : Path.of("eval"));
        Files.createDirectories(dir);
        r.confusion().writeCsv(dir.resolve("confusion.csv"));
        r.confusion().writePng(dir.resolve("confusion.png"));
        double[] perClass = r.confusion().perClassAccuracy();
        StringBuilder csv = new StringBuilder("class,name,accuracy\n");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("data", opened.spec());
        json.put("images", test.size());
        json.put("accuracy", r.accuracy());
        json.put("loss", r.loss());
        Map<String, Double> classes = new LinkedHashMap<>();
        for (int c = 0; c < perClass.length; c++) {
            csv.append(c).append(',').append(test.className(c)).append(',')
                    .append(String.format(Locale.ROOT, "%.6f", perClass[c])).append('\n');
            classes.put(test.className(c), perClass[c]);
        }
        json.put("per_class_accuracy", classes);
        Files.writeString(dir.resolve("per_class.csv"), csv);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("eval.json").toFile(), json);
        System.out.printf(Locale.ROOT, "accuracy %.2f%% (%d images), loss %.4f; results in %s%n", 100 * r.accuracy(),
                test.size(), r.loss(), dir.toAbsolutePath());
        return 0;
    }
}
