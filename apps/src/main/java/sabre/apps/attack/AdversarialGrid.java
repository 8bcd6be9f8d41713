package sabre.apps.attack;

import sabre.apps.report.Canvas;
import sabre.attacks.AttackResult;
import sabre.nn.io.AtomicFiles;
import sabre.tensor.Device;
import sabre.tensor.Tensor;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Point;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A PNG of some images of an attack, magnified, one column per image: rows original, adversarial, the perturbation
 * amplified around mid-grey, and the mask (white where the perturbation touches any channel). A title names the
 * attack, ε and the ASR; above each column its index, true class, target (targeted attacks) and prediction, red when
 * the attack succeeded; a legend below explains the colours and the amplification. By default the columns show the
 * fooled images first ({@link Order}).
 *
 * <pre>{@code AdversarialGrid.write(dir.resolve("grid.png"), inputs, result, "pgd, ε = 8/255", Order.FOOLED_FIRST);}</pre>
 */
public final class AdversarialGrid {
    /** Images shown. */
    static final int COLUMNS = 8;
    /** Magnification of the pixels (28×28 → 112×112). */
    static final int ZOOM = 4;
    private static final int GAP = 6;
    private static final int MARGIN = 8;
    private static final int LINE = 15;
    private static final int MAX_CAPTION = 160;
    private static final Color FOOLED = new Color(200, 0, 0);
    private static final Color MUTED = new Color(110, 110, 110);
    private static final Color FRAME = new Color(170, 170, 170);
    private static final int ROW_LABELS = 92;
    private static final String[] ROWS = {"original", "adversarial", "perturbation", "mask"};

    /** Which images the columns show. */
    public enum Order {
        /** The first fooled images in input order, then the first images that were not fooled. */
        FOOLED_FIRST,
        /** The first images in input order. */
        INPUT;

        /** {@code fooled-first} or {@code input}. */
        public static Order parse(String text) {
            return switch (text) {
                case "fooled-first" -> FOOLED_FIRST;
                case "input" -> INPUT;
                default -> throw new IllegalArgumentException("--grid-order is fooled-first or input, not '" + text
                        + "'");
            };
        }
    }

    /**
     * Where the rows and columns lie: {@code cell(row, column)} is the top-left pixel of an image; rows are
     * {@code pitch} apart (at least two lines of text, for the row's name and note).
     */
    record Layout(int[] samples, int imageW, int imageH, int cellW, int left, int top, int pitch) {
        Point cell(int row, int column) {
            return new Point(left + column * (cellW + GAP) + (cellW - imageW) / 2, top + row * pitch);
        }
    }

    private AdversarialGrid() {
    }

    /** The samples shown, in column order: at most {@code count}, fooled ones first under {@link Order#FOOLED_FIRST}. */
    static int[] columns(boolean[] success, int count, Order order) {
        IntStream all = IntStream.range(0, success.length);
        if (order == Order.FOOLED_FIRST) {
            all = IntStream.concat(IntStream.range(0, success.length).filter(i -> success[i]),
                    IntStream.range(0, success.length).filter(i -> !success[i]));
        }
        return all.limit(count).toArray();
    }

    /**
     * The factor that shows a perturbation of at most {@code maxAbs} per element in the grey range: the largest
     * whole number with {@code 0.5 + factor·maxAbs ≤ 1}, or 0.5 when the perturbation exceeds 0.5 (sparse attacks).
     */
    static double amplification(double maxAbs) {
        if (maxAbs <= 0) {
            return 1;
        }
        double fit = Math.floor(0.5 / maxAbs * (1 + 1e-6)); // float noise at 8/255 must not lose a whole step
        return fit >= 1 ? fit : 0.5;
    }

    /** Where the grid of {@code r} on {@code in} puts its columns and rows. */
    static Layout layout(Inputs in, AttackResult r, Order order, int columns, int zoom) {
        int[] pick = columns(r.success(), columns, order);
        FontMetrics small = Canvas.metrics(Canvas.font(Font.PLAIN, 11));
        int imageW = in.images().shape(3) * zoom;
        int cellW = imageW;
        for (int i : pick) {
            for (String line : caption(in, r, i, small)) {
                cellW = Math.max(cellW, small.stringWidth(line));
            }
        }
        int top = MARGIN + 24 + (r.targeted() ? 4 : 3) * LINE + 4;
        int imageH = in.images().shape(2) * zoom;
        return new Layout(pick, imageW, imageH, cellW, ROW_LABELS, top, Math.max(imageH, 2 * LINE) + GAP);
    }

    /** The grid of {@code r} on {@code in}'s images (each pixel {@code zoom} times), under {@code title}. */
    public static BufferedImage render(Inputs in, AttackResult r, String title, Order order, int columns, int zoom) {
        Layout l = layout(in, r, order, columns, zoom);
        int[] pick = l.samples();
        Tensor at = Tensor.ofInts(pick, pick.length);
        Tensor x = in.images().to(Device.CPU).indexSelect(0, at);
        Tensor adv = r.adversarial().to(Device.CPU).indexSelect(0, at).to(x.dtype());
        Tensor delta = adv.sub(x);
        double amp = amplification(pick.length == 0 ? 0 : delta.abs().amax(new int[] {0, 1, 2, 3}, false).item());
        Tensor[] rows = {x, adv, delta.mul(amp).add(0.5), r.masks().to(Device.CPU).indexSelect(0, at)
                .to(x.dtype()).amax(new int[] {1}, true)};
        String[] rowNotes = {"", "", "× " + number(amp), "changed"};
        List<String> legend = legend(r.targeted(), amp, order);
        FontMetrics small = Canvas.metrics(Canvas.font(Font.PLAIN, 11));
        int width = l.left() + pick.length * (l.cellW() + GAP) + MARGIN;
        width = Math.max(width, 2 * MARGIN + Canvas.metrics(Canvas.font(Font.BOLD, 14)).stringWidth(title));
        for (String line : legend) {
            width = Math.max(width, 2 * MARGIN + small.stringWidth(line));
        }
        int height = l.top() + rows.length * l.pitch() + 6 + legend.size() * LINE + MARGIN;

        BufferedImage img = Canvas.blank(width, height);
        Graphics2D g = Canvas.graphics(img);
        g.setFont(Canvas.font(Font.BOLD, 14));
        g.drawString(title, MARGIN, MARGIN + 14);
        g.setFont(Canvas.font(Font.PLAIN, 11));
        for (int row = 0; row < rows.length; row++) {
            int y0 = l.cell(row, 0).y;
            g.setColor(Color.BLACK);
            int mid = y0 + Math.max(l.imageH(), 2 * LINE) / 2;
            g.drawString(ROWS[row], MARGIN, mid);
            g.setColor(MUTED);
            g.drawString(rowNotes[row], MARGIN, mid + LINE);
            for (int col = 0; col < pick.length; col++) {
                Point p = l.cell(row, col);
                drawImage(img, rows[row].select(0, col), p.x, p.y, zoom);
                g.setColor(FRAME);
                g.drawRect(p.x - 1, p.y - 1, l.imageW() + 1, l.imageH() + 1);
            }
        }
        for (int col = 0; col < pick.length; col++) {
            int i = pick[col];
            List<String> c = caption(in, r, i, g.getFontMetrics());
            for (int k = 0; k < c.size(); k++) {
                boolean last = k == c.size() - 1;
                g.setColor(k == 0 ? MUTED : last && r.success()[i] ? FOOLED : Color.BLACK);
                g.drawString(c.get(k), l.left() + col * (l.cellW() + GAP), l.top() - 6 - (c.size() - 1 - k) * LINE);
            }
        }
        int y = l.top() + rows.length * l.pitch() + 6;
        for (int k = 0; k < legend.size(); k++) {
            g.setColor(k == 0 ? FOOLED : Color.BLACK);
            g.drawString(legend.get(k), MARGIN, y + (k + 1) * LINE - 3);
        }
        g.dispose();
        return img;
    }

    /** Renders the first {@link #COLUMNS} columns in {@code order} and writes the grid atomically as PNG. */
    public static void write(Path file, Inputs in, AttackResult r, String title, Order order) throws IOException {
        BufferedImage img = render(in, r, title, order, COLUMNS, ZOOM);
        AtomicFiles.write(file, out -> ImageIO.write(img, "png", out));
    }

    /**
     * A column's caption lines: index, true class, target (targeted attacks only), prediction; a class name wider
     * than {@code MAX_CAPTION} pixels is cut with "…".
     */
    private static List<String> caption(Inputs in, AttackResult r, int i, FontMetrics metrics) {
        List<String> c = new ArrayList<>(List.of("#" + in.index()[i], "true: " + name(in, r.labels()[i])));
        if (r.targeted()) {
            c.add("target: " + name(in, r.aimedAt()[i]));
        }
        c.add("pred: " + name(in, r.predicted()[i]));
        return c.stream().map(line -> Canvas.fit(line, metrics, MAX_CAPTION)).toList();
    }

    private static List<String> legend(boolean targeted, double amp, Order order) {
        return List.of("red prediction: fooled (" + (targeted ? "the target class reached" : "the class changed")
                        + "); black: not fooled",
                "perturbation: 0.5 + " + number(amp) + " × (adversarial − original) per channel, so mid-grey = "
                        + "unchanged, lighter = raised, darker = lowered",
                "mask: white where the attack changed the pixel in any channel",
                order == Order.FOOLED_FIRST ? "columns: fooled images first, then the others, each in input order "
                        + "(--grid-order input: the first images)" : "columns: the first images, in input order");
    }

    private static String name(Inputs in, int c) {
        return c >= 0 && c < in.classNames().size() ? in.classNames().get(c) : "class " + c;
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** Draws a [C, H, W] image in [0, 1] (gray for one channel, RGB for three) at (x0, y0), magnified by zoom. */
    public static void drawImage(BufferedImage img, Tensor chw, int x0, int y0, int zoom) {
        int c = chw.shape(0);
        int h = chw.shape(1);
        int w = chw.shape(2);
        float[] px = chw.toFloatArray();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = 0;
                for (int k = 0; k < 3; k++) {
                    float v = px[(c == 3 ? k : 0) * h * w + y * w + x];
                    rgb = (rgb << 8) | Math.max(0, Math.min(255, Math.round(v * 255)));
                }
                for (int dy = 0; dy < zoom; dy++) {
                    for (int dx = 0; dx < zoom; dx++) {
                        img.setRGB(x0 + x * zoom + dx, y0 + y * zoom + dy, rgb);
                    }
                }
            }
        }
    }
}
