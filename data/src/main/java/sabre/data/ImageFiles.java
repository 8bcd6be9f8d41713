package sabre.data;

import sabre.tensor.ReadLimits;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Decodes image files (PNG, JPEG, BMP, GIF through {@code javax.imageio}) into compact CHW bytes of a fixed size.
 * Colour handling: grey sources are read from their raster (scaled from their bit depth to 8 bits, no colour-space
 * conversion); everything else through {@code getRGB} (sRGB, alpha dropped, palettes expanded); then converted to
 * {@link ColorMode}. An image whose size differs from the target is resized with the bilinear map documented on
 * {@code Bilinear} (half-pixel centres, as {@code Functional.upsampleBilinear(…, false)}; no antialiasing, so strong
 * downscaling aliases) and rounded back to bytes.
 *
 * <p>The header's width and height (PNG IHDR, JPEG SOF, read without decoding pixels) are checked against
 * {@link ReadLimits#maxImagePixels()} before any pixel is decoded, and a set of images against
 * {@link ReadLimits#maxElements()} before any is read. A file no reader recognises, or one that fails to decode,
 * raises {@link DatasetFormatException} naming it.
 *
 * <pre>{@code byte[] chw = ImageFiles.read(Path.of("cat.png"), ColorMode.RGB, 32, 32); // 3·32·32 bytes}</pre>
 */
public final class ImageFiles {
    private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".bmp", ".gif");

    private ImageFiles() {
    }

    /** The image at {@code file} as {@code mode.channels()×height×width} unsigned bytes in CHW order. */
    public static byte[] read(Path file, ColorMode mode, int height, int width) throws IOException {
        checkSize(height, width);
        DataFiles.require(file, "image");
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            return read(in, file.toString(), () -> firstBytes(file), mode, height, width);
        }
    }

    /**
     * The encoded image {@code bytes} (PNG, JPEG, BMP or GIF) as {@link #read(Path, ColorMode, int, int)} decodes a
     * file; {@code name} names it in errors. Decoded from memory: no temporary file is written.
     */
    public static byte[] decode(byte[] bytes, String name, ColorMode mode, int height, int width) throws IOException {
        checkSize(height, width);
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            return read(in, name, () -> head(Arrays.copyOf(bytes, Math.min(8, bytes.length))), mode, height, width);
        }
    }

    /** What a stream starts with, for an error message; read only when no decoder recognises the stream. */
    private interface FirstBytes {
        String get() throws IOException;
    }

    private static byte[] read(ImageInputStream in, String name, FirstBytes firstBytes, ColorMode mode, int height,
                                int width) throws IOException {
        Iterator<ImageReader> readers = in == null ? Collections.emptyIterator() : ImageIO.getImageReaders(in);
        if (!readers.hasNext()) {
            throw new DatasetFormatException(name, "not an image javax.imageio can read (expected PNG, "
                    + "JPEG, BMP or GIF; found first bytes " + firstBytes.get() + ")");
        }
        ImageReader reader = readers.next();
        try {
            reader.setInput(in, true, true);
            BufferedImage image = decode(reader, name);
            return resize(toChw(image, mode), mode.channels(), image.getHeight(), image.getWidth(), height, width);
        } finally {
            reader.dispose();
        }
    }

    /**
     * Decodes {@code files} in parallel into {@code result[i]} for {@code files.get(i)}. The result does not depend
     * on scheduling; when several files are broken, the error of the first (by list position) is thrown.
     */
    static byte[][] readAll(List<Path> files, ColorMode mode, int height, int width) throws IOException {
        long elements = (long) files.size() * mode.channels() * height * width;
        if (elements > ReadLimits.maxElements()) {
            throw new DatasetFormatException(files.get(0).getParent().toString(), String.format("%,d images of "
                    + "%d×%d×%d are %,d elements, more than the limit of %,d (%s)", files.size(), mode.channels(),
                    height, width, elements, ReadLimits.maxElements(), ReadLimits.MAX_ELEMENTS_PROPERTY));
        }
        byte[][] out = new byte[files.size()][];
        IOException[] errors = new IOException[files.size()];
        IntStream.range(0, files.size()).parallel().forEach(i -> {
            try {
                out[i] = read(files.get(i), mode, height, width);
            } catch (IOException e) {
                errors[i] = e;
            }
        });
        for (IOException e : errors) {
            if (e != null) {
                throw e;
            }
        }
        return out;
    }

    /** The image files (by extension, case-insensitive) directly in {@code dir}, sorted by name. */
    static List<Path> list(Path dir) throws IOException {
        return DataFiles.list(dir, p -> Files.isRegularFile(p) && isImageName(p));
    }

    private static boolean isImageName(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return !name.startsWith(".") && EXTENSIONS.stream().anyMatch(name::endsWith);
    }

    /** Rejects a target size that is not positive or exceeds {@link ReadLimits#maxImagePixels()}. */
    static void checkSize(int height, int width) {
        if (height < 1 || width < 1 || (long) height * width > ReadLimits.maxImagePixels()) {
            throw new IllegalArgumentException("image files: target size " + height + "×" + width
                    + " must be positive and at most " + ReadLimits.maxImagePixels() + " pixels");
        }
    }

    private static BufferedImage decode(ImageReader reader, String name) throws DatasetFormatException {
        String format = "?";
        try {
            format = reader.getFormatName();
            int w = reader.getWidth(0);
            int h = reader.getHeight(0);
            if (w < 1 || h < 1 || (long) w * h > ReadLimits.maxImagePixels()) {
                throw new DatasetFormatException(name, String.format("%s header declares image size "
                        + "%d×%d (%,d pixels), expected 1..%,d pixels (%s); refused before decoding", format, w, h,
                        (long) w * h, ReadLimits.maxImagePixels(), ReadLimits.MAX_IMAGE_PIXELS_PROPERTY));
            }
            return reader.read(0);
        } catch (DatasetFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // decoders throw IIOException, EOFException and, on corrupt data, assorted runtime exceptions
            throw new DatasetFormatException(name, "unreadable " + format + " image: " + e, e);
        }
    }

    private static byte[] toChw(BufferedImage image, ColorMode mode) {
        int w = image.getWidth();
        int h = image.getHeight();
        int plane = w * h;
        byte[] out = new byte[mode.channels() * plane];
        ColorModel cm = image.getColorModel();
        boolean grey = cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY;
        Raster raster = image.getRaster();
        double max = (1 << cm.getComponentSize(0)) - 1.0;
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            if (grey) {
                raster.getSamples(0, y, w, 1, 0, row);
            } else {
                image.getRGB(0, y, w, 1, row, 0, w);
            }
            for (int x = 0; x < w; x++) {
                int at = y * w + x;
                if (grey) {
                    byte v = (byte) Math.round(row[x] * 255 / max);
                    for (int c = 0; c < mode.channels(); c++) {
                        out[c * plane + at] = v;
                    }
                } else {
                    int r = (row[x] >> 16) & 0xFF;
                    int g = (row[x] >> 8) & 0xFF;
                    int b = row[x] & 0xFF;
                    if (mode == ColorMode.GRAY) {
                        out[at] = (byte) Math.round(0.299 * r + 0.587 * g + 0.114 * b);
                    } else {
                        out[at] = (byte) r;
                        out[plane + at] = (byte) g;
                        out[2 * plane + at] = (byte) b;
                    }
                }
            }
        }
        return out;
    }

    private static byte[] resize(byte[] chw, int channels, int inH, int inW, int outH, int outW) {
        if (inH == outH && inW == outW) {
            return chw;
        }
        float[] src = new float[chw.length];
        for (int i = 0; i < src.length; i++) {
            src[i] = chw[i] & 0xFF;
        }
        float[] resized = Bilinear.resize(src, channels, inH, inW, outH, outW);
        byte[] out = new byte[resized.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Math.round(resized[i]);
        }
        return out;
    }

    private static String firstBytes(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return head(in.readNBytes(8));
        }
    }

    private static String head(byte[] head) {
        return head.length == 0 ? "none, the file is empty" : HexFormat.ofDelimiter(" ").formatHex(head);
    }
}
