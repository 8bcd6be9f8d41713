package sabre.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import sabre.autograd.Var;
import sabre.nn.layers.Dropout;
import sabre.tensor.DType;
import sabre.tensor.Generator;
import sabre.tensor.Tensor;

/** Dropout: the identity in eval mode, a seeded inverted-dropout mask in training. */
class DropoutTest {
    private static final Tensor X = Tensor.uniform(new Generator(1), sabre.tensor.Device.defaultDevice(),
            DType.FLOAT64, 0.5, 2, 100, 100);

    private static double[] run(Module m) {
        return m.forward(Var.of(X)).value().toDoubleArray();
    }

    @Test
    void evalModeIsTheIdentity() {
        Dropout d = new Dropout(0.5, new Generator(2));
        d.eval();
        assertArrayEquals(X.toDoubleArray(), run(d));
        assertFalse(d.isTraining());
    }

    @Test
    void zeroProbabilityIsTheIdentityInTraining() {
        assertArrayEquals(X.toDoubleArray(), run(new Dropout(0, new Generator(2))));
    }

    @Test
    void trainingZeroesAboutPAndScalesTheRest() {
        double p = 0.3;
        double[] x = X.toDoubleArray();
        double[] y = run(new Dropout(p, new Generator(3)));
        int dropped = 0;
        for (int i = 0; i < x.length; i++) {
            if (y[i] == 0) {
                dropped++;
            } else {
                assertEquals(x[i] / (1 - p), y[i], 1e-12, "kept element " + i + " scaled by 1/(1-p)");
            }
        }
        // binomial(10⁴, 0.3): sd ≈ 46, allow 5 sd
        assertEquals(p * x.length, dropped, 5 * Math.sqrt(x.length * p * (1 - p)), "dropped count");
    }

    @Test
    void sameSeedSameMaskAndTheGeneratorAdvances() {
        Dropout a = new Dropout(0.5, new Generator(42));
        Dropout b = new Dropout(0.5, new Generator(42));
        double[] a1 = run(a);
        assertArrayEquals(a1, run(b), "same seed, same mask");
        assertFalse(Arrays.equals(a1, run(a)), "the next call draws a new mask");
        assertFalse(Arrays.equals(a1, run(new Dropout(0.5, new Generator(43)))), "another seed, another mask");
    }

    @Test
    void restoringTheRegisteredGeneratorRepeatsTheMask() {
        Dropout d = new Dropout(0.5, new Generator(42));
        Generator g = d.namedGenerators().get("generator");
        Generator saved = new Generator(g.seed(), g.offset());
        double[] first = run(d);
        d.setGenerator("generator", saved);
        assertArrayEquals(first, run(d), "a restored generator position redraws the same mask");
    }

    @Test
    void backToTrainingAfterEvalDropsAgain() {
        Dropout d = new Dropout(0.5, new Generator(4));
        d.eval();
        d.train(true);
        assertTrue(Arrays.stream(run(d)).anyMatch(v -> v == 0));
    }
}
