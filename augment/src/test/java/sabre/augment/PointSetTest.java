package sabre.augment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sabre.nn.io.FormatException;
import sabre.nn.io.SafeTensors;
import sabre.tensor.Tensor;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Points files round-trip, empty lists included, and damaged ones are refused naming the problem. */
class PointSetTest {
    @Test
    void roundTripKeepsEveryImagesPoints(@TempDir Path dir) throws Exception {
        PointSet p = new PointSet(28, 28, List.of(new int[] {1, 2, 27, 0}, new int[0], new int[] {5, 5}),
                new boolean[] {true, false, true});
        Path f = dir.resolve("p.safetensors");
        p.write(f, Map.of("run", "x"));
        PointSet q = PointSet.read(f);
        assertEquals(3, q.size());
        assertArrayEquals(new int[] {1, 2, 27, 0}, q.points(0));
        assertArrayEquals(new int[0], q.points(1));
        assertArrayEquals(new int[] {5, 5}, q.points(2));
        assertEquals(List.of(true, false, true), List.of(q.success(0), q.success(1), q.success(2)));
        assertEquals("x", SafeTensors.read(f).metadata().get("run"));
    }

    @Test
    void aSetWithNoPointsAtAllRoundTrips(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("empty.safetensors");
        new PointSet(8, 8, List.of(new int[0], new int[0]), new boolean[2]).write(f, Map.of());
        PointSet q = PointSet.read(f);
        assertEquals(2, q.size());
        assertEquals(0, q.count(0) + q.count(1));
    }

    @Test
    void pointsOutsideTheImageAndDamagedFilesAreRefused(@TempDir Path dir) throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PointSet(8, 8, List.<int[]>of(new int[] {8, 0}), new boolean[1]));
        assertTrue(e.getMessage().contains("outside 8×8"), e.getMessage());
        Path f = dir.resolve("bad.safetensors");
        SafeTensors.write(f, Map.of("offsets", Tensor.ofInts(new int[] {0, 3}, 2),
                "points", Tensor.ofInts(new int[] {1, 1}, 1, 2), "success", Tensor.ofBools(new boolean[1], 1)),
                Map.of("height", "8", "width", "8"));
        FormatException bad = assertThrows(FormatException.class, () -> PointSet.read(f));
        assertTrue(bad.getMessage().contains("do not index 1 points"), bad.getMessage());
        Path other = dir.resolve("weights.safetensors");
        SafeTensors.write(other, Map.of("fc.weight", Tensor.zeros(2, 2)), Map.of());
        FormatException notPoints = assertThrows(FormatException.class, () -> PointSet.read(other));
        assertTrue(notPoints.getMessage().contains("no tensor 'offsets'"), notPoints.getMessage());
    }
}
