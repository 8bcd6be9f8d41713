package sabre.tensor;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shape arithmetic: broadcasting, strides, axis normalisation and the size guards. */
class ShapeTest {
    @Test
    void broadcastAlignsOnTheRight() {
        assertArrayEquals(new int[] {2, 3, 4}, Shape.broadcast("add", new int[] {3, 1}, new int[] {2, 1, 4}));
        assertArrayEquals(new int[] {0, 5}, Shape.broadcast("add", new int[] {0, 1}, new int[] {5}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Shape.broadcast("mul", new int[] {2, 3}, new int[] {4}));
        assertTrue(e.getMessage().startsWith("mul: shapes [2, 3] and [4]"), e.getMessage());
    }

    @Test
    void contiguousStridesAreRowMajor() {
        assertArrayEquals(new int[] {12, 4, 1}, Shape.contiguousStrides(new int[] {2, 3, 4}));
        assertArrayEquals(new int[] {1, 1}, Shape.contiguousStrides(new int[] {0, 1}));
    }

    @Test
    void axesAreNormalisedSortedAndUnique() {
        assertArrayEquals(new int[] {0, 2}, Shape.axes("sum", new int[] {-1, 0}, 3));
        assertArrayEquals(new int[] {0, 1, 2}, Shape.axes("sum", null, 3));
        assertThrows(IllegalArgumentException.class, () -> Shape.axes("sum", new int[] {1, -2}, 3));
        assertThrows(IllegalArgumentException.class, () -> Shape.axis("sum", 3, 3));
    }

    @Test
    void numelRefusesNegativeAndHugeShapesBeforeAllocating() {
        assertEquals(24, Shape.numel("x", 2, 3, 4));
        assertEquals(1, Shape.numel("x"));
        assertThrows(IllegalArgumentException.class, () -> Shape.numel("zeros", 2, -1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Shape.numel("zeros", 100000, 100000, 100000));
        assertTrue(e.getMessage().startsWith("zeros: shape [100000, 100000, 100000]"), e.getMessage());
    }

    @Test
    void reducedShapeDropsOrKeepsAxes() {
        assertArrayEquals(new int[] {3}, Shape.reduced(new int[] {2, 3, 4}, new int[] {0, 2}, false));
        assertArrayEquals(new int[] {1, 3, 1}, Shape.reduced(new int[] {2, 3, 4}, new int[] {0, 2}, true));
    }
}
