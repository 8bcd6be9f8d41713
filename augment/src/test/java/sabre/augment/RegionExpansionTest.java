package sabre.augment;

import org.junit.jupiter.api.Test;
import sabre.tensor.Generator;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Properties of AdvMask's region expansion over many seeded point sets: sides, coverage bounds, overlap, seeds. */
class RegionExpansionTest {
    private static int[] randomPoints(Random r, int n, int side) {
        int[] p = new int[2 * n];
        for (int i = 0; i < p.length; i++) {
            p[i] = r.nextInt(side);
        }
        return p;
    }

    @Test
    void defaultsScaleWithTheImage() {
        RegionExpansion cifar = RegionExpansion.faithful(32);
        assertEquals(4, cifar.minSide());
        assertEquals(20, cifar.maxSide());
        assertEquals(9, cifar.maxShift());
        RegionExpansion fmnist = RegionExpansion.faithful(28);
        assertEquals(18, fmnist.maxSide());
        assertEquals(8, fmnist.maxShift());
    }

    @Test
    void squaresObeyTheSideCoverageAndOverlapRules() {
        Random r = new Random(3);
        for (int side : new int[] {28, 32}) {
            RegionExpansion ex = RegionExpansion.faithful(side);
            int total = side * side;
            java.util.Set<Integer> sides = new java.util.HashSet<>();
            for (int trial = 0; trial < 400; trial++) {
                int[] pts = randomPoints(r, 1 + r.nextInt(60), side);
                RegionExpansion.Result res = ex.expand(side, side, pts, new Generator(trial));
                boolean[] union = new boolean[total];
                int dropped = 0;
                for (RegionExpansion.Square s : res.squares()) {
                    assertEquals(res.squares().get(0).side(), s.side(), "one side per image");
                    assertTrue(s.side() % 2 == 0 && s.side() >= 4 && s.side() <= ex.maxSide(), "side " + s.side());
                    sides.add(s.side());
                    int area = 0;
                    int overlap = 0;
                    for (int y = Math.max(0, s.top()); y < Math.min(side, s.top() + s.side()); y++) {
                        for (int x = Math.max(0, s.left()); x < Math.min(side, s.left() + s.side()); x++) {
                            area++;
                            overlap += union[y * side + x] ? 1 : 0;
                            union[y * side + x] = true;
                        }
                    }
                    assertTrue(area > 0 && overlap <= 0.1 * area, "overlap " + overlap + " of " + area);
                    assertTrue(dropped < 0.03 * total, "a square was added after 3 % was reached");
                    dropped += area - overlap;
                }
                assertArrayEquals(union, res.drop(), "the mask is the union of the squares");
                assertEquals(dropped, res.dropped());
                assertTrue(dropped <= 0.5 * total, "coverage above 50 %: " + dropped);
                if (dropped < 0.03 * total) {
                    assertNoSquareFits(pts, res, side);
                }
            }
            assertEquals(ex.maxSide() / 2 - 1, sides.size(), "every even side in range occurs");
        }
    }

    /** Below 3 % coverage, every point's square must have been refused by a rule (all points were tried). */
    private static void assertNoSquareFits(int[] pts, RegionExpansion.Result res, int side) {
        int s = res.squares().isEmpty() ? -1 : res.squares().get(0).side();
        if (s < 0) { // no square at all: every point's square was empty after the shift; cannot check the side
            return;
        }
        RegionExpansion.Square first = res.squares().get(0);
        // recover the shift from the first square: which point's square it is is ambiguous, so try all points
        for (int k = 0; k < pts.length; k += 2) {
            int dy = first.top() + s / 2 - pts[k];
            int dx = first.left() + s / 2 - pts[k + 1];
            boolean consistent = true;
            for (int j = 0; j < pts.length && consistent; j += 2) {
                int top = pts[j] + dy - s / 2;
                int left = pts[j + 1] + dx - s / 2;
                int area = 0;
                int overlap = 0;
                for (int y = Math.max(0, top); y < Math.min(side, top + s); y++) {
                    for (int x = Math.max(0, left); x < Math.min(side, left + s); x++) {
                        area++;
                        overlap += res.drop()[y * side + x] ? 1 : 0;
                    }
                }
                boolean refused = area == 0 || overlap > 0.1 * area || res.dropped() + area - overlap > 0.5 * side * side
                        || overlap == area;
                consistent = refused;
            }
            if (consistent) {
                return;
            }
        }
        throw new AssertionError("coverage " + res.dropped() + " < 3 % although a square still fits");
    }

    @Test
    void sameGeneratorSameMaskOtherSeedOtherMask() {
        int[] pts = randomPoints(new Random(1), 40, 32);
        RegionExpansion ex = RegionExpansion.faithful(32);
        boolean[] a = ex.expand(32, 32, pts, new Generator(5)).drop();
        assertArrayEquals(a, ex.expand(32, 32, pts, new Generator(5)).drop());
        assertFalse(java.util.Arrays.equals(a, ex.expand(32, 32, pts, new Generator(6)).drop()));
    }

    @Test
    void shiftMovesEverySquareByOneOffsetWithinTheBound() {
        // one point in the middle: the single square's centre is the point plus the shift
        int[] pts = {16, 16};
        RegionExpansion ex = RegionExpansion.faithful(32);
        List<Integer> shifts = new ArrayList<>();
        for (int seed = 0; seed < 500; seed++) {
            RegionExpansion.Result res = ex.expand(32, 32, pts, new Generator(seed));
            assertEquals(1, res.squares().size());
            RegionExpansion.Square s = res.squares().get(0);
            int dy = s.top() + s.side() / 2 - 16;
            int dx = s.left() + s.side() / 2 - 16;
            assertTrue(Math.abs(dy) <= 9 && Math.abs(dx) <= 9, "shift " + dy + "," + dx);
            shifts.add(dy);
        }
        assertTrue(shifts.contains(9) && shifts.contains(-9) && shifts.contains(0), "the full ±9 range is drawn");
    }

    @Test
    void releasedModeFallsBackToGridMaskWithoutEnoughPoints() {
        RegionExpansion rel = RegionExpansion.released(32, true);
        RegionExpansion.Result none = rel.expand(32, 32, new int[0], new Generator(1));
        assertTrue(none.fallback(), "no points: GridMask");
        int fallbacks = 0;
        for (int seed = 0; seed < 200; seed++) {
            // a single point drops at most 20×20 but usually under 100 pixels once shifted: often the fallback
            RegionExpansion.Result one = rel.expand(32, 32, new int[] {16, 16}, new Generator(seed));
            if (!one.fallback()) {
                assertTrue(one.dropped() >= 100, "kept only with >= 100 dropped pixels: " + one.dropped());
            }
            fallbacks += one.fallback() ? 1 : 0;
        }
        assertTrue(fallbacks > 0 && fallbacks < 200, "fallbacks " + fallbacks);
    }
}
