package sabre.tensor;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Philox 4×32-10 against the known-answer vectors published with Random123 (Salmon et al., SC 2011). */
class PhiloxTest {
    private static void kat(int[] counter, int[] key, int[] expected) {
        assertArrayEquals(expected, Philox.block(counter, key), () -> String.format("counter %08x %08x %08x %08x",
                counter[0], counter[1], counter[2], counter[3]));
    }

    @Test
    void zeroVector() {
        kat(new int[] {0, 0, 0, 0}, new int[] {0, 0}, new int[] {0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8});
    }

    @Test
    void allOnesVector() {
        kat(new int[] {-1, -1, -1, -1}, new int[] {-1, -1}, new int[] {0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd});
    }

    @Test
    void piDigitsVector() {
        kat(new int[] {0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344}, new int[] {0xa4093822, 0x299f31d0},
                new int[] {0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1});
    }

    @Test
    void seedAndCounterMapOntoKeyAndLowCounterWords() {
        long seed = 0x299f31d0a4093822L;
        long counter = 0x85a308d3243f6a88L;
        assertArrayEquals(Philox.block(new int[] {0x243f6a88, 0x85a308d3, 0, 0}, new int[] {0xa4093822, 0x299f31d0}),
                Philox.block(seed, counter));
    }

    @Test
    void unitConversionsStayInTheHalfOpenInterval() {
        assertEquals(0f, Philox.unitFloat(0));
        assertEquals(1f - 0x1.0p-24f, Philox.unitFloat(-1));
        assertEquals(0.0, Philox.unitDouble(0, 0));
        assertEquals(1.0 - 0x1.0p-53, Philox.unitDouble(-1, -1));
    }
}
