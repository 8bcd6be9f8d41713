package sabre.apps.serve;

import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The checks made before any decoder runs: size, magic bytes, declared dimensions. */
class UploadCheckTest {
    private final UploadCheck check = new UploadCheck(100_000, 1_000_000);

    @Test
    void acceptsRealPngAndJpeg() throws IOException {
        assertEquals(UploadCheck.Kind.PNG, check.check(encode("png", 640, 480)));
        assertEquals(UploadCheck.Kind.JPEG, check.check(encode("jpg", 640, 480)));
    }

    @Test
    void refusesImagesWhoseHeaderDeclaresTooManyPixels() throws IOException {
        // a real 1001×1000 image: one pixel over the cap
        HttpError png = assertThrows(HttpError.class, () -> check.check(encode("png", 1001, 1000)));
        assertEquals(413, png.status());
        assertTrue(png.getMessage().contains("1,001×1,000"), png.getMessage());
        HttpError jpeg = assertThrows(HttpError.class, () -> check.check(encode("jpg", 1001, 1000)));
        assertEquals(413, jpeg.status());
    }

    @Test
    void refusesADecompressionBombFromItsHeaderAlone() {
        // 33 bytes: signature + IHDR declaring 100,000 × 100,000 (10^10 pixels), no pixel data at all
        ByteBuffer b = ByteBuffer.allocate(33);
        b.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}).putInt(13)
                .put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(100_000).putInt(100_000);
        HttpError e = assertThrows(HttpError.class, () -> check.check(b.array()));
        assertEquals(413, e.status());
        // the same for a JPEG: SOI, an APP0 segment, then SOF0 declaring 60,000 × 60,000
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 4, 0, 0, (byte) 0xFF, (byte) 0xC0, 0, 11,
                8, (byte) 0xEA, 0x60, (byte) 0xEA, 0x60, 1, 1, 0x11, 0};
        assertEquals(413, assertThrows(HttpError.class, () -> check.check(jpeg)).status());
    }

    @Test
    void refusesWhatIsNotPngOrJpeg() throws IOException {
        assertEquals(400, assertThrows(HttpError.class,
                () -> check.check("GIF89a, or a script".getBytes(StandardCharsets.US_ASCII))).status());
        assertEquals(400, assertThrows(HttpError.class, () -> check.check(encode("bmp", 4, 4))).status());
        assertEquals(400, assertThrows(HttpError.class, () -> check.check(new byte[0])).status());
    }

    @Test
    void refusesTruncatedHeaders() throws IOException {
        byte[] png = encode("png", 8, 8);
        assertEquals(400, assertThrows(HttpError.class, () -> check.check(Arrays.copyOf(png, 20))).status());
        byte[] jpeg = encode("jpg", 8, 8);
        assertEquals(400, assertThrows(HttpError.class, () -> check.check(Arrays.copyOf(jpeg, 30))).status());
    }

    @Test
    void refusesFilesOverTheByteCap() {
        byte[] big = new byte[100_001];
        assertEquals(413, assertThrows(HttpError.class, () -> check.check(big)).status());
    }

    static byte[] encode(String format, int width, int height) throws IOException {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        img.setRGB(width / 2, height / 2, 0xFFFFFF);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(img, format, out), format);
        return out.toByteArray();
    }
}
