package sabre.tests;

import org.junit.jupiter.api.Test;
import sabre.attacks.AttackResult;
import sabre.attacks.Classifier;
import sabre.attacks.Pgd;
import sabre.nn.Module;
import sabre.nn.io.Npy;
import sabre.nn.io.SafeTensors;
import sabre.nn.models.ModelConfig;
import sabre.nn.models.Models;
import sabre.tensor.DType;
import sabre.tensor.Generator;
import sabre.tensor.Tensor;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sabre's PGD (L∞, no random start, ε = 8/255, α = 2/255, 10 steps) on a float64 SmallCnn equals PyTorch's on the
 * same weights and images (tests/parity/generate_pgd.py): every pixel within 1e-4 and identical success flags.
 */
class PgdParityTest {
    @Test
    void pgdMatchesPyTorch() throws IOException {
        Module net = Models.create("smallcnn", new ModelConfig(1, 28, 10), new Generator(0));
        net.loadStateDict(SafeTensors.read(fixture("state.safetensors")).tensors(), true);
        net.to(DType.FLOAT64).eval();
        Tensor x = Npy.read(fixture("x.npy"));
        Tensor labels = Npy.read(fixture("labels.npy"));
        AttackResult r = new Pgd().randomStart(false).eps(8 / 255.0).stepSize(2 / 255.0).steps(10)
                .run(Classifier.of(net), x, labels);

        double[] expected = Npy.read(fixture("adversarial.npy")).toDoubleArray();
        double[] actual = r.adversarial().toDoubleArray();
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
        }
        assertTrue(worst <= 1e-4, "largest per-pixel difference from PyTorch: " + worst);
        boolean[] success = Npy.read(fixture("success.npy")).toBooleanArray();
        assertArrayEquals(success, r.success(), "success flags differ from PyTorch's");
        boolean mixed = false;
        for (boolean s : success) {
            mixed |= s != success[0];
        }
        assertTrue(mixed, "the fixture should contain both fooled and unfooled images");
    }

    private static Path fixture(String name) {
        URL url = PgdParityTest.class.getResource("/parity/pgd/" + name);
        if (url == null) {
            throw new IllegalStateException("fixture " + name + " missing; regenerate with "
                    + "/usr/bin/python3 tests/parity/generate_pgd.py");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
