package sabre.tensor;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadLimitsTest {
    @Test
    void overrideIsUndoneWhenTheScopeCloses() {
        long elements = ReadLimits.maxElements();
        long pixels = ReadLimits.maxImagePixels();
        try (ReadLimits.Scope outer = ReadLimits.override(1000, 64)) {
            try (ReadLimits.Scope inner = ReadLimits.override(10, 4)) {
                assertEquals(10, ReadLimits.maxElements());
                assertEquals(4, ReadLimits.maxImagePixels());
            }
            assertEquals(1000, ReadLimits.maxElements());
            assertEquals(64, ReadLimits.maxImagePixels());
        }
        assertEquals(elements, ReadLimits.maxElements());
        assertEquals(pixels, ReadLimits.maxImagePixels());
    }

    @Test
    void badOverridesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ReadLimits.override(0, 1));
        assertThrows(IllegalArgumentException.class, () -> ReadLimits.override(Shape.MAX_ELEMENTS + 1, 1));
        assertThrows(IllegalArgumentException.class, () -> ReadLimits.override(1, 0));
    }

    @Test
    void propertiesAreParsedAndCapped() {
        String name = "sabre.test.readLimit";
        try {
            assertEquals(7, ReadLimits.fromProperty(name, 7));
            System.setProperty(name, "1_000");
            assertEquals(1000, ReadLimits.fromProperty(name, 7));
            System.setProperty(name, "99999999999");
            assertEquals(Shape.MAX_ELEMENTS, ReadLimits.fromProperty(name, 7));
            System.setProperty(name, "lots");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ReadLimits.fromProperty(name, 7));
            assertTrue(e.getMessage().contains("sabre.test.readLimit=lots is not an integer"), e.getMessage());
            System.setProperty(name, "-5");
            assertThrows(IllegalArgumentException.class, () -> ReadLimits.fromProperty(name, 7));
        } finally {
            System.clearProperty(name);
        }
    }
}
