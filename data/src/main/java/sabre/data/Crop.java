package sabre.data;

/** Cutting a window out of an image, with zeros wherever the window leaves it (shared by the crop transforms). */
final class Crop {
    private Crop() {
    }

    /** The {@code height×width} window whose top-left corner is at ({@code top}, {@code left}); may be negative. */
    static FloatImage window(FloatImage image, int top, int left, int height, int width) {
        int h = image.height();
        int w = image.width();
        float[] in = image.data();
        float[] out = new float[image.channels() * height * width];
        for (int c = 0; c < image.channels(); c++) {
            for (int y = 0; y < height; y++) {
                int sy = top + y;
                if (sy < 0 || sy >= h) {
                    continue;
                }
                for (int x = 0; x < width; x++) {
                    int sx = left + x;
                    if (sx >= 0 && sx < w) {
                        out[(c * height + y) * width + x] = in[(c * h + sy) * w + sx];
                    }
                }
            }
        }
        return new FloatImage(image.channels(), height, width, out);
    }
}
