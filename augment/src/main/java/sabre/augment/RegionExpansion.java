package sabre.augment;

import sabre.data.SampleRandom;
import sabre.tensor.Check;
import sabre.tensor.Generator;

import java.util.ArrayList;
import java.util.List;

/**
 * AdvMask's region expansion: turns an image's isolated sensitive points into a few contiguous square drop regions,
 * with fresh randomness on every call (every epoch).
 *
 * <p><b>Faithful</b> (the method as the thesis describes it; the default): one even side {@code s} is drawn uniformly
 * from {@code [minSide, maxSide]} and one shift (dy, dx) uniformly from {@code [−maxShift, maxShift]}² for the image;
 * the points are visited in a uniformly random order; the square of side s centred on the shifted point (rows
 * {@code [r + dy − s/2, r + dy + s/2)}, clipped to the image) is skipped when more than 10 % of its visible area is
 * already dropped, or when adding it would drop more than 50 % of the image; squares are added until at least 3 % of
 * the image is dropped (or the points run out). Coverage is measured in the image after the shift, so the bounds
 * hold for the mask that is applied. CIFAR 32×32: sides 4–20, shift ±9; other sizes scale by side/32 (28×28: sides
 * 4–18, shift ±8).
 *
 * <p><b>Released</b> ({@code --advmask-released}, the authors' training code as published): side from
 * {@code 2⌊(L − 1)/2⌋} with L uniform in [minSide + 1, maxSide + 1]; the point list "shuffled" by a swap that copies
 * rows (NumPy views under {@code random.shuffle}: row i takes row j's value, row j keeps its own, so points are
 * duplicated and lost) or not shuffled at all (its CIFAR-100 variant); the overlap test counts a one-pixel border
 * around the square against {@code ⌊0.1·L²⌋}; coverage is measured before the shift and the square that crosses
 * 50 % is kept; the shift is a magnitude in [0, maxShift] with a random sign (0 twice as likely); and when fewer than
 * 100 pixels (scaled by H·W/1024) end up dropped, or the image has no points, a GridMask (d ∈ [24, 33) scaled,
 * ratio 0.4) is returned instead.
 *
 * <pre>{@code RegionExpansion.Result r = RegionExpansion.faithful(32, 32).expand(32, 32, points, g);}</pre>
 */
public final class RegionExpansion {
    /** Fraction of the image that must at least be dropped. */
    public static final double MIN_COVER = 0.03;
    /** Fraction of the image that may at most be dropped. */
    public static final double MAX_COVER = 0.5;
    /** Largest fraction of a new square that may already be dropped. */
    public static final double MAX_OVERLAP = 0.1;

    private final int minSide;
    private final int maxSide;
    private final int maxShift;
    private final boolean released;
    private final boolean shufflePoints;

    /** An accepted square: rows {@code [top, top + side)}, columns {@code [left, left + side)} (before clipping). */
    public record Square(int top, int left, int side) {
    }

    /** The dropped pixels [H·W], the squares placed (faithful mode) and whether the GridMask fallback was used. */
    public record Result(boolean[] drop, List<Square> squares, boolean fallback) {
        /** Number of dropped pixels. */
        public int dropped() {
            int n = 0;
            for (boolean b : drop) {
                n += b ? 1 : 0;
            }
            return n;
        }
    }

    public RegionExpansion(int minSide, int maxSide, int maxShift, boolean released, boolean shufflePoints) {
        Check.arg(minSide >= 2 && minSide % 2 == 0 && maxSide >= minSide && maxSide % 2 == 0, "region expansion",
                "sides must be even with 2 <= min <= max, found %d..%d", minSide, maxSide);
        Check.arg(maxShift >= 0, "region expansion", "shift must be >= 0, found %d", maxShift);
        this.minSide = minSide;
        this.maxSide = maxSide;
        this.maxShift = maxShift;
        this.released = released;
        this.shufflePoints = shufflePoints;
    }

    /** The method's settings scaled to an image of side {@code side} (32: sides 4–20, shift ±9). */
    public static RegionExpansion faithful(int side) {
        return new RegionExpansion(4, maxSide(side), (int) Math.round(9.0 * side / 32), false, true);
    }

    /** The released code's behaviour at side {@code side}; {@code shufflePoints = false} is its CIFAR-100 variant. */
    public static RegionExpansion released(int side, boolean shufflePoints) {
        return new RegionExpansion(4, maxSide(side), (int) Math.round(9.0 * side / 32), true, shufflePoints);
    }

    private static int maxSide(int side) {
        return Math.max(4, 2 * (int) Math.round(10.0 * side / 32));
    }

    public int minSide() {
        return minSide;
    }

    public int maxSide() {
        return maxSide;
    }

    public int maxShift() {
        return maxShift;
    }

    /** The drop mask for {@code points} (interleaved row, column) on a {@code height×width} image. */
    public Result expand(int height, int width, int[] points, Generator random) {
        return released ? expandReleased(height, width, points, random) : expandFaithful(height, width, points, random);
    }

    private Result expandFaithful(int height, int width, int[] points, Generator random) {
        int side = minSide + 2 * SampleRandom.below(random, (maxSide - minSide) / 2 + 1);
        int dy = SampleRandom.below(random, 2 * maxShift + 1) - maxShift;
        int dx = SampleRandom.below(random, 2 * maxShift + 1) - maxShift;
        int[] order = permutation(points.length / 2, random);
        boolean[] drop = new boolean[height * width];
        List<Square> squares = new ArrayList<>();
        int dropped = 0;
        double total = (double) height * width;
        for (int k = 0; k < order.length && dropped < MIN_COVER * total; k++) {
            int top = points[2 * order[k]] + dy - side / 2;
            int left = points[2 * order[k] + 1] + dx - side / 2;
            int y0 = Math.max(0, top);
            int y1 = Math.min(height, top + side);
            int x0 = Math.max(0, left);
            int x1 = Math.min(width, left + side);
            int area = Math.max(0, y1 - y0) * Math.max(0, x1 - x0);
            if (area == 0) {
                continue;
            }
            int overlap = count(drop, width, y0, y1, x0, x1);
            if (overlap > MAX_OVERLAP * area || dropped + area - overlap > MAX_COVER * total) {
                continue;
            }
            mark(drop, width, y0, y1, x0, x1);
            dropped += area - overlap;
            squares.add(new Square(top, left, side));
        }
        return new Result(drop, squares, false);
    }

    private Result expandReleased(int height, int width, int[] points, Generator random) {
        int n = points.length / 2;
        int side = Math.min(height, width);
        if (n == 0) {
            return fallback(height, width, side, random);
        }
        int[] pts = points.clone();
        if (shufflePoints) { // Python's shuffle over NumPy row views: x[i] takes x[j], x[j] keeps its value
            for (int i = n - 1; i > 0; i--) {
                int j = SampleRandom.below(random, i + 1);
                pts[2 * i] = pts[2 * j];
                pts[2 * i + 1] = pts[2 * j + 1];
            }
        }
        int length = minSide + 1 + SampleRandom.below(random, maxSide - minSide + 1);
        int half = (length - 1) / 2;
        int vertical = SampleRandom.below(random, maxShift + 1) * (SampleRandom.below(random, 2) == 0 ? -1 : 1);
        int horizontal = SampleRandom.below(random, maxShift + 1) * (SampleRandom.below(random, 2) == 0 ? -1 : 1);
        int gap = 1;
        int pad = maxSide / 2 + gap;
        int ch = height + 2 * pad;
        int cw = width + 2 * pad;
        boolean[] canvas = new boolean[ch * cw];
        int dropped = 0;
        for (int i = 0; i < n && dropped < MIN_COVER * height * width; i++) {
            int r = pts[2 * i] + pad;
            int c = pts[2 * i + 1] + pad;
            int r0 = r - half;
            int c0 = c - half;
            int busy = count(canvas, cw, Math.max(0, r0 - gap), Math.min(ch, r0 + length + gap),
                    Math.max(0, c0 - gap), Math.min(cw, c0 + length + gap));
            if (busy > (int) (length * length * MAX_OVERLAP)) {
                continue;
            }
            mark(canvas, cw, r0, r + half, c0, c + half);
            dropped = count(canvas, cw, pad, pad + height, pad, pad + width);
            if (dropped >= MAX_COVER * height * width) {
                break;
            }
        }
        boolean[] drop = new boolean[height * width];
        int shown = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                drop[y * width + x] = canvas[(y + pad + vertical) * cw + x + pad + horizontal];
                shown += drop[y * width + x] ? 1 : 0;
            }
        }
        if (shown < Math.round(100.0 * height * width / 1024)) {
            return fallback(height, width, side, random);
        }
        return new Result(drop, List.of(), false);
    }

    private static Result fallback(int height, int width, int side, Generator random) {
        return new Result(GridMask.scaled(side, 1, Fill.constant(0)).mask(height, width, random), List.of(), true);
    }

    /** A uniformly random permutation of 0..n−1 (Fisher–Yates from the end). */
    static int[] permutation(int n, Generator random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = SampleRandom.below(random, i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static int count(boolean[] m, int width, int y0, int y1, int x0, int x1) {
        int n = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                n += m[y * width + x] ? 1 : 0;
            }
        }
        return n;
    }

    private static void mark(boolean[] m, int width, int y0, int y1, int x0, int x1) {
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                m[y * width + x] = true;
            }
        }
    }
}
