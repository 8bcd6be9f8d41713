package sabre.apps.report;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * A line chart written as PNG with Java2D (headless): several named series over a shared x axis, "nice" axis ticks
 * ({@link Ticks}; whole numbers only on an epoch axis), a title, and a legend that names each series with its last
 * value. The legend goes into the corner of the plot that no line crosses, or outside the plot, on the right, when
 * every corner is crossed. Values print as the console prints them: {@link #percent()} for rates.
 *
 * <pre>{@code new LinePlot("loss", "epoch", "loss").wholeX().series("train", xs, ys).write(Path.of("loss.png"));}</pre>
 */
public final class LinePlot {
    private static final Color[] PALETTE = {new Color(31, 119, 180), new Color(255, 127, 14),
            new Color(44, 160, 44), new Color(214, 39, 40), new Color(148, 103, 189)};
    private static final int WIDTH = 720;
    private static final int HEIGHT = 440;
    private static final int LEFT = 72;
    private static final int RIGHT = 20;
    private static final int TOP = 48;
    private static final int BOTTOM = 52;
    private static final int MAX_TICKS = 8;
    private static final int LEGEND_INSET = 8;
    private static final int LEGEND_LINE = 18;
    private static final int LEGEND_SWATCH = 22;
    /** Half the width of a drawn line with its dots, in pixels: how close a line may come to the legend. */
    private static final double LINE_REACH = 4;

    private record Series(String name, double[] x, double[] y) {
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private boolean wholeX;
    private boolean percent;

    public LinePlot(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** Adds a series; x and y must have the same length. */
    public LinePlot series(String name, double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("plot: series '" + name + "' has " + x.length + " x and " + y.length
                    + " y values");
        }
        series.add(new Series(name, x.clone(), y.clone()));
        return this;
    }

    /** Ticks the x axis at whole numbers only (epochs). */
    public LinePlot wholeX() {
        wholeX = true;
        return this;
    }

    /** The y values are rates in [0, 1], printed as percentages like the console's {@code acc 86.12%}. */
    public LinePlot percent() {
        percent = true;
        return this;
    }

    /**
     * Where things go: the plot area, the data range it shows, and the legend's box.
     *
     * @param legendOutside whether the legend sits right of the plot because a line crosses every corner
     */
    record Layout(Rectangle plot, double xmin, double xmax, double ymin, double ymax, Rectangle legend,
                  boolean legendOutside) {
        double px(double x) {
            return plot.x + (x - xmin) / (xmax - xmin) * plot.width;
        }

        double py(double y) {
            return plot.y + plot.height - (y - ymin) / (ymax - ymin) * plot.height;
        }
    }

    /** Renders the chart to an image. */
    public BufferedImage render() {
        BufferedImage img = Canvas.blank(WIDTH, HEIGHT);
        Graphics2D g = Canvas.graphics(img);
        Layout l = layout();
        drawAxes(g, l);
        g.setClip(l.plot().x - 4, l.plot().y - 4, l.plot().width + 9, l.plot().height + 9);
        for (int s = 0; s < series.size(); s++) {
            Series sr = series.get(s);
            g.setColor(PALETTE[s % PALETTE.length]);
            g.setStroke(new BasicStroke(2f));
            for (int i = 1; i < sr.x().length; i++) {
                g.draw(new Line2D.Double(l.px(sr.x()[i - 1]), l.py(sr.y()[i - 1]), l.px(sr.x()[i]), l.py(sr.y()[i])));
            }
            for (int i = 0; i < sr.x().length; i++) {
                g.fillOval((int) Math.round(l.px(sr.x()[i])) - 3, (int) Math.round(l.py(sr.y()[i])) - 3, 6, 6);
            }
        }
        g.setClip(null);
        drawLegend(g, l);
        g.dispose();
        return img;
    }

    /** Writes the chart as PNG. */
    public void write(Path file) throws IOException {
        ImageIO.write(render(), "png", file.toFile());
    }

    /** Where {@link #render()} puts things: the legend in the first corner no line crosses, else outside. */
    Layout layout() {
        FontMetrics metrics = Canvas.metrics(Canvas.font(Font.PLAIN, 12));
        double[] r = range();
        int legendW = LEGEND_SWATCH + 18;
        for (Series s : series) {
            legendW = Math.max(legendW, LEGEND_SWATCH + 18 + metrics.stringWidth(legendText(s)));
        }
        int legendH = LEGEND_LINE * series.size() + 8;
        Rectangle inside = new Rectangle(LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM);
        Layout best = null;
        int bestHits = Integer.MAX_VALUE;
        for (int corner = 0; corner < 4; corner++) { // top right, top left, bottom right, bottom left
            int x = corner % 2 == 0 ? inside.x + inside.width - LEGEND_INSET - legendW : inside.x + LEGEND_INSET;
            int y = corner < 2 ? inside.y + LEGEND_INSET : inside.y + inside.height - LEGEND_INSET - legendH;
            Layout candidate = new Layout(inside, r[0], r[1], r[2], r[3], new Rectangle(x, y, legendW, legendH), false);
            int hits = crossings(candidate);
            if (hits < bestHits) {
                best = candidate;
                bestHits = hits;
            }
        }
        if (bestHits == 0) {
            return best;
        }
        Rectangle narrow = new Rectangle(LEFT, TOP, WIDTH - LEFT - RIGHT - legendW - 12, HEIGHT - TOP - BOTTOM);
        return new Layout(narrow, r[0], r[1], r[2], r[3],
                new Rectangle(narrow.x + narrow.width + 12, TOP, legendW, legendH), true);
    }

    /** How many points, sampled every pixel along the series' lines, come within a line's reach of the legend. */
    static int crossings(Layout l, double[] x, double[] y) {
        Rectangle2D.Double box = new Rectangle2D.Double(l.legend().x - LINE_REACH, l.legend().y - LINE_REACH,
                l.legend().width + 2 * LINE_REACH, l.legend().height + 2 * LINE_REACH);
        int hits = 0;
        for (int i = 0; i < x.length; i++) {
            double x1 = l.px(x[i]);
            double y1 = l.py(y[i]);
            double x0 = i == 0 ? x1 : l.px(x[i - 1]);
            double y0 = i == 0 ? y1 : l.py(y[i - 1]);
            int steps = (int) Math.ceil(Math.hypot(x1 - x0, y1 - y0)) + 1;
            for (int k = 0; k <= steps; k++) {
                hits += box.contains(x0 + (x1 - x0) * k / steps, y0 + (y1 - y0) * k / steps) ? 1 : 0;
            }
        }
        return hits;
    }

    private int crossings(Layout l) {
        int hits = 0;
        for (Series s : series) {
            hits += crossings(l, s.x(), s.y());
        }
        return hits;
    }

    /** A series' legend entry: its name and its last finite value, e.g. {@code test (last: 86.12%)}. */
    private String legendText(Series s) {
        for (int i = s.y().length - 1; i >= 0; i--) {
            if (Double.isFinite(s.y()[i])) {
                return s.name() + " (last: " + value().apply(s.y()[i]) + ")";
            }
        }
        return s.name();
    }

    /** How values print: the console's formats ({@code 86.12%}, {@code 0.4123}). */
    private DoubleFunction<String> value() {
        return percent ? ProgressBar::percent : ProgressBar::loss;
    }

    /** Data range [xmin, xmax, ymin, ymax], padded so flat series still get a visible band. */
    private double[] range() {
        double xmin = Double.POSITIVE_INFINITY;
        double xmax = Double.NEGATIVE_INFINITY;
        double ymin = Double.POSITIVE_INFINITY;
        double ymax = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                if (Double.isFinite(s.y()[i]) && Double.isFinite(s.x()[i])) {
                    xmin = Math.min(xmin, s.x()[i]);
                    xmax = Math.max(xmax, s.x()[i]);
                    ymin = Math.min(ymin, s.y()[i]);
                    ymax = Math.max(ymax, s.y()[i]);
                }
            }
        }
        if (xmin > xmax) {
            return new double[] {0, 1, 0, 1};
        }
        double xPad = xmax > xmin ? 0.03 * (xmax - xmin) : 0.5;
        double yPad = ymax > ymin ? 0.06 * (ymax - ymin) : Math.max(Math.abs(ymax) * 0.05, percent ? 0.01 : 0.5);
        return new double[] {xmin - xPad, xmax + xPad, ymin - yPad, ymax + yPad};
    }

    private void drawAxes(Graphics2D g, Layout l) {
        Rectangle p = l.plot();
        double[] xt = wholeX ? Ticks.whole(l.xmin(), l.xmax(), MAX_TICKS) : Ticks.nice(l.xmin(), l.xmax(), MAX_TICKS);
        double[] yt = Ticks.nice(l.ymin(), l.ymax(), MAX_TICKS);
        int xDecimals = xt.length > 1 ? Ticks.decimals(xt[1] - xt[0]) : 0;
        int yDecimals = yt.length > 1 ? Ticks.decimals((yt[1] - yt[0]) * (percent ? 100 : 1)) : 0;
        g.setColor(new Color(232, 232, 232));
        for (double v : yt) {
            g.drawLine(p.x, (int) Math.round(l.py(v)), p.x + p.width, (int) Math.round(l.py(v)));
        }
        for (double v : xt) {
            g.drawLine((int) Math.round(l.px(v)), p.y, (int) Math.round(l.px(v)), p.y + p.height);
        }
        g.setColor(Color.BLACK);
        g.drawRect(p.x, p.y, p.width, p.height);
        g.setFont(Canvas.font(Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        for (double v : yt) {
            int y = (int) Math.round(l.py(v));
            String text = percent ? String.format(Locale.ROOT, "%." + yDecimals + "f%%", 100 * v)
                    : String.format(Locale.ROOT, "%." + yDecimals + "f", v);
            g.drawLine(p.x - 4, y, p.x, y);
            g.drawString(text, p.x - 7 - fm.stringWidth(text), y + fm.getAscent() / 2 - 1);
        }
        for (double v : xt) {
            int x = (int) Math.round(l.px(v));
            g.drawLine(x, p.y + p.height, x, p.y + p.height + 4);
            Canvas.centred(g, String.format(Locale.ROOT, "%." + xDecimals + "f", v), x, p.y + p.height + 18);
        }
        Canvas.centred(g, xLabel, p.x + p.width / 2, HEIGHT - 12);
        g.drawString(yLabel, 8, TOP - 10);
        int size = 15;
        g.setFont(Canvas.font(Font.BOLD, size));
        while (size > 9 && g.getFontMetrics().stringWidth(title) > WIDTH - 16) {
            g.setFont(Canvas.font(Font.BOLD, --size));
        }
        Canvas.centred(g, title, WIDTH / 2, 24);
    }

    private void drawLegend(Graphics2D g, Layout l) {
        Rectangle b = l.legend();
        g.setColor(Color.WHITE);
        g.fillRect(b.x, b.y, b.width, b.height);
        g.setColor(new Color(190, 190, 190));
        g.setStroke(new BasicStroke(1f));
        g.drawRect(b.x, b.y, b.width, b.height);
        g.setFont(Canvas.font(Font.PLAIN, 12));
        for (int s = 0; s < series.size(); s++) {
            int mid = b.y + 4 + LEGEND_LINE * s + LEGEND_LINE / 2;
            g.setColor(PALETTE[s % PALETTE.length]);
            g.setStroke(new BasicStroke(2f));
            g.drawLine(b.x + 6, mid, b.x + 6 + LEGEND_SWATCH, mid);
            g.setColor(Color.BLACK);
            g.drawString(legendText(series.get(s)), b.x + LEGEND_SWATCH + 12, mid + g.getFontMetrics().getAscent() / 2 - 1);
        }
    }
}
