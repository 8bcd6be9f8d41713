package sabre.data;

/**
 * The channels decoded images are converted to: one grey channel (ITU-R BT.601 luma,
 * {@code 0.299 R + 0.587 G + 0.114 B}, as PIL's {@code convert("L")}) or three RGB channels (grey sources are
 * replicated). Alpha is dropped.
 *
 * <pre>{@code ImageDataset pets = ImageFolder.load(dir, ColorMode.RGB, 64, 64);}</pre>
 */
public enum ColorMode {
    GRAY(1), RGB(3);

    private final int channels;

    ColorMode(int channels) {
        this.channels = channels;
    }

    /** 1 for GRAY, 3 for RGB. */
    public int channels() {
        return channels;
    }
}
