package sabre.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The harness statistics only; the benchmarks themselves are never run as tests. */
class StatsTest {
    @Test
    void oddCountTakesTheMiddleValue() {
        double[] samples = {5, 1, 4, 2, 3};
        Stats s = Stats.of(samples);
        assertEquals(1, s.min());
        assertEquals(3, s.median());
        assertEquals(5, s.max());
        assertEquals(5, s.count());
        assertArrayEquals(new double[] {5, 1, 4, 2, 3}, samples, "input left unsorted");
    }

    @Test
    void evenCountAveragesTheTwoMiddleValues() {
        Stats s = Stats.of(new double[] {10, 2, 8, 4});
        assertEquals(2, s.min());
        assertEquals(6, s.median());
        assertEquals(10, s.max());
    }

    @Test
    void singleSample() {
        Stats s = Stats.of(new double[] {7});
        assertEquals(7, s.min());
        assertEquals(7, s.median());
        assertEquals(7, s.max());
    }

    @Test
    void refusesEmptyAndNonFinite() {
        assertThrows(IllegalArgumentException.class, () -> Stats.of(new double[0]));
        assertThrows(IllegalArgumentException.class, () -> Stats.of(new double[] {1, Double.NaN}));
    }
}
