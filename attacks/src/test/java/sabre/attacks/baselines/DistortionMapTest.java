package sabre.attacks.baselines;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The texture map by hand on a 3×3 image with one bright pixel in the centre. */
class DistortionMapTest {
    @Test
    void localDeviationByHand() {
        double[] image = {0, 0, 0, 0, 1, 0, 0, 0, 0};
        double corner = Math.sqrt(1 / 4.0 - 1 / 16.0); // 2×2 window holding the centre: mean 1/4
        double edge = Math.sqrt(1 / 6.0 - 1 / 36.0); // 2×3 window
        double centre = Math.sqrt(1 / 9.0 - 1 / 81.0); // 3×3 window
        double[] w = DistortionMap.localDeviation(image, 1, 3, 3, 0.1);
        double e = 0.1 + 0.9 * edge / corner;
        double c = 0.1 + 0.9 * centre / corner;
        assertArrayEquals(new double[] {1, e, 1, e, c, e, 1, e, 1}, w, 1e-12);
    }

    @Test
    void channelsAverageAndAFlatImageWeighsEvenly() {
        double[] two = new double[18];
        two[4] = 1; // channel 0 as above, channel 1 flat
        double[] w = DistortionMap.localDeviation(two, 2, 3, 3, 0.1);
        double[] one = DistortionMap.localDeviation(java.util.Arrays.copyOf(two, 9), 1, 3, 3, 0.1);
        assertArrayEquals(one, w, 1e-12, "a flat channel halves every deviation, and the max scales with it");
        assertArrayEquals(DistortionMap.uniform(3, 3), DistortionMap.localDeviation(new double[9], 1, 3, 3, 0.1));
        assertEquals(9, DistortionMap.uniform(3, 3).length);
    }
}
