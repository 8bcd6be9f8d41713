package sabre.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import sabre.nn.layers.ConvTranspose2d;
import sabre.nn.layers.Linear;
import sabre.tensor.Conv2dParams;
import sabre.tensor.Generator;
import sabre.tensor.Tensor;

/**
 * PyTorch's default initialisation: U(±1/√fan_in) for weight and bias, where fan_in of a ConvTranspose2d weight
 * [in, out/groups, k, k] is {@code out/groups·k·k} (its dim 1) and of a Linear weight [out, in] is {@code in}.
 * With tens of thousands of draws the largest |w| is within 1% of the bound and the variance within 3% of
 * bound²/3 (the uniform's variance).
 */
class InitStatisticsTest {
    private static void assertUniform(Tensor t, double bound, String what) {
        double[] v = t.toDoubleArray();
        double max = Arrays.stream(v).map(Math::abs).max().orElseThrow();
        double mean = Arrays.stream(v).average().orElseThrow();
        double var = Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / v.length;
        assertTrue(max <= bound, what + ": max |w| " + max + " above bound " + bound);
        assertTrue(max >= (v.length > 1000 ? 0.99 : 0.9) * bound, what + ": max |w| " + max + " far below " + bound);
        assertEquals(0, mean, 4 * bound / Math.sqrt(3 * v.length), what + " mean");
        if (v.length > 1000) {
            assertEquals(bound * bound / 3, var, 0.03 * bound * bound / 3, what + " variance");
        }
    }

    @Test
    void convTranspose2dFanInComesFromTheOutputChannels() {
        // in = 16, out = 256: PyTorch's fan_in = 256·3·3 (weight.size(1)·k·k), not 16·3·3
        ConvTranspose2d layer = new ConvTranspose2d(16, 256, 3, 2, 1, true, new Generator(5));
        Tensor w = layer.stateDict().get("weight");
        assertArrayEquals(new int[] {16, 256, 3, 3}, w.shape());
        double bound = 1 / Math.sqrt(256 * 9);
        assertUniform(w, bound, "weight");
        assertUniform(layer.stateDict().get("bias"), bound, "bias");
    }

    @Test
    void convTranspose2dWithGroupsUsesOutputChannelsPerGroup() {
        ConvTranspose2d layer = new ConvTranspose2d(64, 128, 3, Conv2dParams.of(1, 1, 1, 4), 0, true,
                new Generator(6));
        Tensor w = layer.stateDict().get("weight");
        assertArrayEquals(new int[] {64, 32, 3, 3}, w.shape());
        assertUniform(w, 1 / Math.sqrt(32 * 9), "weight");
        assertUniform(layer.stateDict().get("bias"), 1 / Math.sqrt(32 * 9), "bias");
    }

    @Test
    void linearBoundsFollowTheInputFeatures() {
        Linear layer = new Linear(300, 500, true, new Generator(7));
        assertArrayEquals(new int[] {500, 300}, layer.weight().shape());
        assertUniform(layer.weight().value(), 1 / Math.sqrt(300), "weight");
        assertUniform(layer.stateDict().get("bias"), 1 / Math.sqrt(300), "bias");
    }

    @Test
    void sameSeedSameWeightsOtherSeedOtherWeights() {
        double[] a = new ConvTranspose2d(4, 8, 3, 1, 0, true, new Generator(9)).weight().value().toDoubleArray();
        double[] b = new ConvTranspose2d(4, 8, 3, 1, 0, true, new Generator(9)).weight().value().toDoubleArray();
        double[] c = new ConvTranspose2d(4, 8, 3, 1, 0, true, new Generator(10)).weight().value().toDoubleArray();
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
    }
}
