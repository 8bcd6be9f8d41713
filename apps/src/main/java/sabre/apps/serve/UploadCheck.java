package sabre.apps.serve;

import java.nio.charset.StandardCharsets;

/**
 * Checks an upload before any image decoder sees it: the byte count against a cap, the type by its magic bytes
 * (PNG {@code 89 50 4E 47 0D 0A 1A 0A}, JPEG {@code FF D8 FF}), and the width and height the header declares
 * against a pixel cap, so a small file that would inflate into a huge bitmap (a decompression bomb) is refused
 * unread. PNG: the IHDR chunk must come first (ISO/IEC 15948 §5.6). JPEG: the markers are walked up to the first
 * start-of-frame (SOF0–SOF15 except DHT C4, JPG C8, DAC CC; ITU T.81 §B.2).
 *
 * <pre>{@code UploadCheck.Kind kind = new UploadCheck(8 << 20, 40_000_000).check(bytes);}</pre>
 */
public record UploadCheck(long maxBytes, long maxPixels) {
    /** The accepted types. */
    public enum Kind { PNG, JPEG }

    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    public UploadCheck {
        if (maxBytes < 1 || maxPixels < 1) {
            throw new IllegalArgumentException("upload limits must be positive, found " + maxBytes + " bytes, "
                    + maxPixels + " pixels");
        }
    }

    /** The type of {@code bytes}, or an {@link HttpError} (400 or 413) that says what is wrong. */
    public Kind check(byte[] bytes) {
        if (bytes.length == 0) {
            throw HttpError.badRequest("No image was uploaded (the file is empty).");
        }
        if (bytes.length > maxBytes) {
            throw HttpError.tooLarge(String.format("The file has %,d bytes; at most %,d are accepted.", bytes.length,
                    maxBytes));
        }
        if (startsWith(bytes, PNG_MAGIC)) {
            if (bytes.length < 24 || !"IHDR".equals(new String(bytes, 12, 4, StandardCharsets.US_ASCII))) {
                throw HttpError.badRequest("The PNG file is truncated or corrupt (no IHDR header chunk).");
            }
            dimensions("PNG", int32(bytes, 16), int32(bytes, 20));
            return Kind.PNG;
        }
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8 && (bytes[2] & 0xFF) == 0xFF) {
            jpegFrame(bytes);
            return Kind.JPEG;
        }
        throw HttpError.badRequest("That file is not a PNG or JPEG image (checked by its first bytes, not its name).");
    }

    private void jpegFrame(byte[] b) {
        int at = 2;
        while (at + 4 <= b.length) {
            if ((b[at] & 0xFF) != 0xFF) {
                throw HttpError.badRequest("The JPEG file is corrupt (no marker at byte " + at + ").");
            }
            int marker = b[at + 1] & 0xFF;
            if (marker == 0xFF) { // fill byte before a marker
                at++;
                continue;
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) { // stand-alone markers
                at += 2;
                continue;
            }
            if (marker == 0xD9 || marker == 0xDA) {
                break; // end of image or start of scan before any frame header
            }
            int length = ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
            boolean sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (sof) {
                if (at + 9 > b.length) {
                    break;
                }
                int height = ((b[at + 5] & 0xFF) << 8) | (b[at + 6] & 0xFF);
                int width = ((b[at + 7] & 0xFF) << 8) | (b[at + 8] & 0xFF);
                dimensions("JPEG", width, height);
                return;
            }
            if (length < 2) {
                throw HttpError.badRequest("The JPEG file is corrupt (segment length " + length + " at byte " + at
                        + ").");
            }
            at += 2 + length;
        }
        throw HttpError.badRequest("The JPEG file is truncated or corrupt (no frame header with its size).");
    }

    private void dimensions(String type, long width, long height) {
        if (width < 1 || height < 1) {
            throw HttpError.badRequest(type + " header declares an empty image (" + width + "×" + height + ").");
        }
        if (width * height > maxPixels) {
            throw HttpError.tooLarge(String.format("The %s declares %,d×%,d pixels; at most %,d pixels are accepted.",
                    type, width, height, maxPixels));
        }
    }

    private static long int32(byte[] b, int at) {
        return ((long) (b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8)
                | (b[at + 3] & 0xFF);
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
