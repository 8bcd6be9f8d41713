package sabre.apps.attack;

import org.junit.jupiter.api.Test;
import sabre.apps.report.Canvas;
import sabre.apps.report.Ink;
import sabre.attacks.AttackResult;
import sabre.attacks.Distances;
import sabre.tensor.Tensor;

import java.awt.Color;
import java.awt.Font;
import java.awt.Point;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The attack grid: column order, the amplified perturbation row, title, captions with class names, legend. */
class AdversarialGridTest {
    private static final int S = 4;
    private static final int ZOOM = 3;
    private static final List<String> NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Ankle boot");
    private static final int MID_GREY = 0x808080; // round(0.5 · 255) = 128 in each channel

    /**
     * Three 1×4×4 images of constant brightness 0.2, 0.4, 0.6 (classes T-shirt/top, Trouser, Ankle boot); image 0
     * unchanged and still a T-shirt/top, images 1 and 2 perturbed and fooled (now Pullover and Trouser).
     */
    private static Inputs inputs() {
        float[] px = new float[3 * S * S];
        for (int i = 0; i < px.length; i++) {
            px[i] = 0.2f + 0.2f * (i / (S * S));
        }
        return new Inputs(Tensor.of(px, 3, 1, S, S), Tensor.ofInts(new int[] {0, 1, 3}, 3), new int[] {10, 11, 12},
                NAMES);
    }

    private static AttackResult result(Inputs in, boolean targeted) {
        float[] adv = in.images().toFloatArray();
        adv[S * S + S + 2] += 0.1f;     // image 1, pixel (1, 2): +0.1, the largest change
        adv[S * S + 2 * S + 1] -= 0.05f; // image 1, pixel (2, 1): −0.05
        adv[2 * S * S + 3] -= 0.02f;     // image 2, pixel (0, 3)
        float[] mask = new float[adv.length];
        mask[S * S + S + 2] = 1;
        mask[S * S + 2 * S + 1] = 1;
        mask[2 * S * S + 3] = 1;
        int[] zeros = new int[3];
        double[] none = new double[3];
        return new AttackResult("pgd", 8 / 255.0, targeted, Tensor.of(adv, 3, 1, S, S), Tensor.of(mask, 3, 1, S, S),
                new int[] {0, 1, 3}, targeted ? new int[] {2, 2, 1} : new int[] {0, 1, 3}, new int[] {0, 2, 1},
                new boolean[] {true, true, true}, new boolean[] {false, true, true},
                new Distances(zeros, zeros, none, none, none), zeros, 1.0);
    }

    @Test
    void fooledFirstPutsTheFooledColumnsFirstInInputOrder() {
        boolean[] success = {false, true, false, true, true, false};
        assertArrayEquals(new int[] {1, 3, 4, 0, 2, 5}, AdversarialGrid.columns(success, 8,
                AdversarialGrid.Order.FOOLED_FIRST));
        assertArrayEquals(new int[] {1, 3, 4, 0}, AdversarialGrid.columns(success, 4,
                AdversarialGrid.Order.FOOLED_FIRST));
        assertArrayEquals(new int[] {0, 1, 2}, AdversarialGrid.columns(success, 3, AdversarialGrid.Order.INPUT));
        assertEquals(AdversarialGrid.Order.FOOLED_FIRST, AdversarialGrid.Order.parse("fooled-first"));
        assertEquals(AdversarialGrid.Order.INPUT, AdversarialGrid.Order.parse("input"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AdversarialGrid.Order.parse("fooled"));
        assertEquals("--grid-order is fooled-first or input, not 'fooled'", e.getMessage());
    }

    @Test
    void fooledFirstGridShowsTheFooledImagesInTheFirstColumns() {
        Inputs in = inputs();
        BufferedImage img = AdversarialGrid.render(in, result(in, false), "t", AdversarialGrid.Order.FOOLED_FIRST,
                8, ZOOM);
        AdversarialGrid.Layout l = layout(in, AdversarialGrid.Order.FOOLED_FIRST);
        // original row, columns 0, 1, 2 = images 1, 2, 0 (brightness 0.4, 0.6, 0.2 → 102, 153, 51)
        int[] grey = {102, 153, 51};
        for (int col = 0; col < 3; col++) {
            Point p = l.cell(0, col);
            assertEquals(grey[col] * 0x010101, img.getRGB(p.x, p.y) & 0xFFFFFF, "column " + col);
        }
    }

    @Test
    void amplifiedRowIsMidGreyWhereUnchangedAndScaledWhereChanged() {
        assertEquals(15, AdversarialGrid.amplification(8 / 255.0)); // 0.5 / (8/255) = 15.9
        assertEquals(5, AdversarialGrid.amplification(0.1f));
        assertEquals(0.5, AdversarialGrid.amplification(0.9));
        Inputs in = inputs();
        BufferedImage img = AdversarialGrid.render(in, result(in, false), "t", AdversarialGrid.Order.INPUT, 8, ZOOM);
        AdversarialGrid.Layout l = layout(in, AdversarialGrid.Order.INPUT);
        for (int col = 0; col < 3; col++) {
            for (int y = 0; y < S; y++) {
                for (int x = 0; x < S; x++) {
                    int expected = MID_GREY;
                    if (col == 1 && y == 1 && x == 2) {
                        expected = 0xFFFFFF; // 0.5 + 5 · 0.1 = 1
                    } else if (col == 1 && y == 2 && x == 1) {
                        expected = 64 * 0x010101; // 0.5 − 5 · 0.05 = 0.25 → 63.75
                    } else if (col == 2 && y == 0 && x == 3) {
                        expected = 102 * 0x010101; // 0.5 − 5 · 0.02 = 0.4
                    }
                    for (int d = 0; d < ZOOM * ZOOM; d++) {
                        Point p = l.cell(2, col);
                        int rgb = img.getRGB(p.x + x * ZOOM + d % ZOOM, p.y + y * ZOOM + d / ZOOM) & 0xFFFFFF;
                        assertEquals(expected, rgb, "perturbation row, column " + col + ", pixel (" + y + ", " + x
                                + ")");
                    }
                    Point o = l.cell(0, col);
                    int original = img.getRGB(o.x + x * ZOOM, o.y + y * ZOOM) & 0xFFFFFF;
                    if (expected != MID_GREY) {
                        assertNotEquals(original, expected, "the perturbation row repeats the input");
                    }
                }
            }
        }
        assertNotNull(Ink.find(img, "× 5", Canvas.font(Font.PLAIN, 11), new Color(110, 110, 110)),
                "the amplification is not stated next to the row");
        assertNotNull(Ink.find(img, "perturbation: 0.5 + 5 × (adversarial − original) per channel, so mid-grey = "
                + "unchanged, lighter = raised, darker = lowered", Canvas.font(Font.PLAIN, 11), Color.BLACK),
                "the legend does not state the amplification");
    }

    @Test
    void titleCaptionsAndLegendAreDrawnWithFullClassNames() {
        Inputs in = inputs();
        AttackResult r = result(in, true);
        String title = AttackOutputs.gridTitle(Map.of("method", "pgd", "eps_text", "8/255", "targeting", "next"), r);
        assertEquals("pgd, ε = 8/255, targeted (next): ASR 66.7% (2 of 3 correctly classified images fooled)", title);
        BufferedImage img = AdversarialGrid.render(in, r, title, AdversarialGrid.Order.INPUT, 8, ZOOM);
        Font bold = Canvas.font(Font.BOLD, 14);
        Font small = Canvas.font(Font.PLAIN, 11);
        Color red = new Color(200, 0, 0);
        assertNotNull(Ink.find(img, title, bold, Color.BLACK), "title");
        assertNotNull(Ink.find(img, "true: Ankle boot", small, Color.BLACK), "full true class name");
        assertNotNull(Ink.find(img, "true: T-shirt/top", small, Color.BLACK), "full true class name");
        assertNotNull(Ink.find(img, "target: Pullover", small, Color.BLACK), "target class");
        assertNotNull(Ink.find(img, "pred: Pullover", small, red), "a fooled prediction in red");
        assertNotNull(Ink.find(img, "pred: T-shirt/top", small, Color.BLACK), "a prediction that was not fooled");
        assertNull(Ink.find(img, "pred: T-shirt/top", small, red), "an unfooled prediction in red");
        assertNotNull(Ink.find(img, "#12", small, new Color(110, 110, 110)), "the image's index");
        assertNotNull(Ink.find(img, "red prediction: fooled (the target class reached); black: not fooled", small,
                red), "legend");
        BufferedImage untargeted = AdversarialGrid.render(in, result(in, false), "t", AdversarialGrid.Order.INPUT, 8,
                ZOOM);
        assertNull(Ink.find(untargeted, "target: Ankle boot", small, Color.BLACK), "a target on an untargeted grid");
    }

    private static AdversarialGrid.Layout layout(Inputs in, AdversarialGrid.Order order) {
        return AdversarialGrid.layout(in, result(in, false), order, 8, ZOOM);
    }
}
