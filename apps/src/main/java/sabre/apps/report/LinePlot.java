package sabre.apps.report;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line chart written as PNG with Java2D (headless): several named series over a shared x axis, axis ticks,
 * a legend and a title. Enough for loss and accuracy curves; no external plotting library.
 *
 * <pre>{@code new LinePlot("loss", "epoch", "loss").series("train", xs, ys).write(Path.of("loss.png"));}</pre>
 */
public final class LinePlot {
    private static final Color[] PALETTE = {new Color(31, 119, 180), new Color(255, 127, 14),
            new Color(44, 160, 44), new Color(214, 39, 40), new Color(148, 103, 189)};
    private static final int WIDTH = 640;
    private static final int HEIGHT = 400;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;

    private record Series(String name, double[] x, double[] y) {
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();

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

    /** Renders the chart to an image. */
    public BufferedImage render() {
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        double[] range = range();
        Axes axes = new Axes(range[0], range[1], range[2], range[3]);
        drawAxes(g, axes);
        for (int s = 0; s < series.size(); s++) {
            Series sr = series.get(s);
            g.setColor(PALETTE[s % PALETTE.length]);
            g.setStroke(new BasicStroke(2f));
            for (int i = 1; i < sr.x().length; i++) {
                g.drawLine(axes.px(sr.x()[i - 1]), axes.py(sr.y()[i - 1]), axes.px(sr.x()[i]), axes.py(sr.y()[i]));
            }
            for (int i = 0; i < sr.x().length; i++) {
                g.fillOval(axes.px(sr.x()[i]) - 3, axes.py(sr.y()[i]) - 3, 6, 6);
            }
            g.drawString(sr.name(), WIDTH - RIGHT - 140, TOP + 18 + 16 * s);
            g.drawLine(WIDTH - RIGHT - 165, TOP + 13 + 16 * s, WIDTH - RIGHT - 148, TOP + 13 + 16 * s);
        }
        g.dispose();
        return img;
    }

    /** Writes the chart as PNG. */
    public void write(Path file) throws IOException {
        ImageIO.write(render(), "png", file.toFile());
    }

    /** Data range [xmin, xmax, ymin, ymax], padded so flat series still get a visible band. */
    private double[] range() {
        double xmin = Double.POSITIVE_INFINITY;
        double xmax = Double.NEGATIVE_INFINITY;
        double ymin = Double.POSITIVE_INFINITY;
        double ymax = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                if (Double.isFinite(s.y()[i])) {
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
        double xPad = xmax > xmin ? 0 : 0.5;
        double yPad = ymax > ymin ? 0.05 * (ymax - ymin) : Math.max(Math.abs(ymax) * 0.05, 0.5);
        return new double[] {xmin - xPad, xmax + xPad, ymin - yPad, ymax + yPad};
    }

    /** Maps data coordinates to pixels inside the plot area. */
    private record Axes(double xmin, double xmax, double ymin, double ymax) {
        int px(double x) {
            return LEFT + (int) Math.round((x - xmin) / (xmax - xmin) * (WIDTH - LEFT - RIGHT));
        }

        int py(double y) {
            return HEIGHT - BOTTOM - (int) Math.round((y - ymin) / (ymax - ymin) * (HEIGHT - TOP - BOTTOM));
        }
    }

    private void drawAxes(Graphics2D g, Axes a) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(new Color(230, 230, 230));
        for (int t = 0; t <= 5; t++) {
            int y = a.py(a.ymin() + t * (a.ymax() - a.ymin()) / 5);
            g.drawLine(LEFT, y, WIDTH - RIGHT, y);
        }
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM);
        for (int t = 0; t <= 5; t++) {
            double yv = a.ymin() + t * (a.ymax() - a.ymin()) / 5;
            g.drawString(String.format(Locale.ROOT, "%.3g", yv), 8, a.py(yv) + 4);
            double xv = a.xmin() + t * (a.xmax() - a.xmin()) / 5;
            g.drawString(String.format(Locale.ROOT, "%.3g", xv), a.px(xv) - 10, HEIGHT - BOTTOM + 16);
        }
        g.drawString(xLabel, WIDTH / 2 - 20, HEIGHT - 12);
        g.drawString(yLabel, 8, TOP - 8);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, WIDTH / 2 - 6 * title.length() / 2, 22);
    }
}
