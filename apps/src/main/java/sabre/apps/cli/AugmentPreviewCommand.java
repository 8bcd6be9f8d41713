package sabre.apps.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sabre.apps.attack.AdversarialGrid;
import sabre.apps.train.AugmentationSpec;
import sabre.augment.BatchAugmentation;
import sabre.data.Datasets;
import sabre.data.ImageDataset;
import sabre.nn.io.AtomicFiles;
import sabre.tensor.Tensor;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code sabre augment-preview}: the first training images and the same images through an augmentation, in pairs of
 * rows (original above, augmented below), as it would be applied in a given epoch.
 */
@Command(name = "augment-preview", mixinStandardHelpOptions = true, description = "Picture of an augmentation "
        + "applied to real training images (PNG).")
public final class AugmentPreviewCommand implements Callable<Integer> {
    private static final int COLUMNS = 8;
    private static final int GAP = 4;
    private static final int HEADER = 22;
    private static final int LABELS = 80;

    @Option(names = "--augment", required = true, description = "Augmentation name (as for sabre train --augment).")
    String augment;

    @Option(names = "--data", defaultValue = "fashion-mnist-subset", description = "Data set (default: "
            + "${DEFAULT-VALUE}).")
    String data;

    @Option(names = "--limit-train", defaultValue = "0", description = "First N training images per class, as the "
            + "points file was made (default: all).")
    int limitTrain;

    @Option(names = "--n", defaultValue = "16", description = "Images (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--epoch", description = "0-based epoch to show (default: the last of --epochs, where the "
            + "probability ramps of GridMask and AdvMask have reached their maximum).")
    Integer epoch;

    @Option(names = "--epochs", defaultValue = "10", description = "Epochs of the imagined run (default: "
            + "${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--seed", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--advmask-points", description = "Points file (for advmask, adv, random-mask).")
    Path points;

    @Option(names = "--advmask-released", description = "AdvMask as the released code does it.")
    boolean released;

    @Option(names = "--zoom", defaultValue = "4", description = "Pixel scale (default: ${DEFAULT-VALUE}).")
    int zoom;

    @Option(names = "--out", required = true, description = "PNG to write.")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (n < 1 || zoom < 1 || epochs < 1) {
            throw new IllegalArgumentException("--n, --zoom and --epochs must be positive");
        }
        int e = epoch != null ? epoch : epochs - 1;
        if (e < 0 || e >= epochs) {
            throw new IllegalArgumentException("--epoch " + e + " outside 0.." + (epochs - 1));
        }
        ImageDataset train = Datasets.open(data).train();
        if (limitTrain > 0) {
            train = train.firstPerClass(limitTrain);
        }
        BatchAugmentation a = new AugmentationSpec(augment, points, released).build(train, seed, data);
        int count = Math.min(n, train.size());
        int[] indices = new int[count];
        int per = train.channels() * train.height() * train.width();
        float[] px = new float[count * per];
        for (int i = 0; i < count; i++) {
            indices[i] = i;
            System.arraycopy(train.floatImage(i).data(), 0, px, i * per, per);
        }
        Tensor x = Tensor.of(px, count, train.channels(), train.height(), train.width());
        Tensor y = a.apply(x, indices, e, epochs);
        BufferedImage img = render(x, y, augment + (released ? " (released)" : "") + ", epoch " + (e + 1) + "/"
                + epochs);
        AtomicFiles.write(out, o -> ImageIO.write(img, "png", o));
        System.err.println("wrote " + out.toAbsolutePath());
        return 0;
    }

    private BufferedImage render(Tensor x, Tensor y, String title) {
        int count = x.shape(0);
        int h = x.shape(2) * zoom;
        int w = x.shape(3) * zoom;
        int groups = (count + COLUMNS - 1) / COLUMNS;
        int cols = Math.min(COLUMNS, count);
        BufferedImage img = new BufferedImage(LABELS + cols * (w + GAP), HEADER + groups * 2 * (h + GAP) + groups * GAP,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        g.setFont(new Font("DejaVu Sans", Font.BOLD, 12));
        g.drawString(title, 4, 15);
        g.setFont(new Font("DejaVu Sans", Font.PLAIN, 11));
        for (int i = 0; i < count; i++) {
            int group = i / COLUMNS;
            int x0 = LABELS + (i % COLUMNS) * (w + GAP);
            int y0 = HEADER + group * (2 * (h + GAP) + GAP);
            AdversarialGrid.drawImage(img, x.select(0, i), x0, y0, zoom);
            AdversarialGrid.drawImage(img, y.select(0, i), x0, y0 + h + GAP, zoom);
            if (i % COLUMNS == 0) {
                g.drawString("original", 4, y0 + h / 2 + 4);
                g.drawString("augmented", 4, y0 + h + GAP + h / 2 + 4);
            }
        }
        g.dispose();
        return img;
    }
}
