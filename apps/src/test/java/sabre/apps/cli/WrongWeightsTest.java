package sabre.apps.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sabre.nn.io.Npy;
import sabre.nn.io.SafeTensors;
import sabre.nn.models.ModelConfig;
import sabre.nn.models.Models;
import sabre.tensor.DType;
import sabre.tensor.Generator;
import sabre.tensor.Tensor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --arch/--weights} with weights that do not fit: a short report (counts, the first few names, the best
 * matching architecture) instead of hundreds of keys; wrapper prefixes, name case, torchvision ResNet names and
 * PyTorch pickles.
 */
class WrongWeightsTest {
    @TempDir
    Path tmp;

    private Path weights(String arch, String prefix, String file) throws Exception {
        Map<String, Tensor> state = new LinkedHashMap<>();
        Models.create(arch, new ModelConfig(1, 28, 10), new Generator(3)).stateDict()
                .forEach((k, v) -> state.put(prefix + k, v));
        Path p = tmp.resolve(file);
        SafeTensors.write(p, state, Map.of());
        return p;
    }

    private Object[] predict(String arch, Path weights, String out) throws Exception {
        Path x = tmp.resolve("x.npy");
        if (!Files.exists(x)) {
            Npy.write(x, Tensor.rand(new Generator(5), DType.FLOAT32, 3, 1, 28, 28));
        }
        return CliRunner.run("predict", "--arch", arch, "--weights", weights.toString(), "--images", x.toString(),
                "--out", tmp.resolve(out).toString());
    }

    private float[] logits(String out) throws Exception {
        return Npy.read(tmp.resolve(out).resolve("logits.npy")).toFloatArray();
    }

    @Test
    void weightsOfAnotherArchitectureAreCountedAndTheBestMatchNamed() throws Exception {
        Object[] r = predict("resnet20", weights("smallcnn", "", "cnn.safetensors"), "p");
        assertEquals(1, r[0]);
        String text = (String) r[1];
        assertTrue(text.contains("does not hold resnet20 weights: 0 tensors match"), text);
        assertTrue(text.contains("116 missing from the file: conv1.weight, bn1.weight, bn1.bias, bn1.running_mean, "
                + "bn1.running_var, ... (111 more)"), text);
        assertTrue(text.contains("16 unexpected in the file: "), text);
        assertTrue(text.contains("best match: smallcnn (16 of 16 tensors match in name and shape: --arch smallcnn)"),
                text);
        assertTrue(text.lines().count() <= 6, "a few lines, not hundreds:\n" + text);

        Object[] shapes = CliRunner.run("predict", "--arch", "smallcnn", "--classes", "7", "--weights",
                tmp.resolve("cnn.safetensors").toString(), "--images", tmp.resolve("x.npy").toString(), "--out",
                tmp.resolve("q").toString());
        assertEquals(1, shapes[0]);
        assertTrue(((String) shapes[1]).contains("with another shape: classifier.3.weight (file [10, 128], model "
                + "[7, 128])"), (String) shapes[1]);
    }

    @Test
    void wrapperPrefixesAndNameCaseAreForgiven() throws Exception {
        assertEquals(0, predict("smallcnn", weights("smallcnn", "", "plain.safetensors"), "plain")[0]);
        Object[] r = predict("SmallCNN", weights("smallcnn", "module.model.", "wrapped.safetensors"), "wrapped");
        assertEquals(0, r[0], (String) r[1]);
        assertArrayEquals(logits("plain"), logits("wrapped"));
    }

    @Test
    void torchvisionResNetNamesLoadSabresImageNetVariant() throws Exception {
        Path tv = weights("resnet18-imagenet", "model.", "tv.safetensors");
        Object[] named = predict("resnet18", tv, "tv");
        assertEquals(0, named[0], (String) named[1]);
        assertEquals(0, predict("ResNet18-ImageNet", tv, "sabre")[0]);
        assertArrayEquals(logits("sabre"), logits("tv"));
    }

    @Test
    void aPyTorchPickleIsRefusedWithHowToConvertIt() throws Exception {
        Path pth = tmp.resolve("model.pth");
        Files.write(pth, new byte[] {(byte) 0x80, 2, 'x'});
        Object[] r = predict("smallcnn", pth, "pth");
        assertEquals(1, r[0]);
        assertTrue(((String) r[1]).contains("model.pth is a PyTorch pickle; sabre reads safetensors"), (String) r[1]);
        Path zipped = tmp.resolve("weights.bin");
        Files.write(zipped, new byte[] {'P', 'K', 3, 4, 0, 0});
        Object[] z = predict("smallcnn", zipped, "zip");
        assertEquals(1, z[0]);
        assertTrue(((String) z[1]).contains("is a PyTorch pickle"), (String) z[1]);
    }
}
