package sabre.attacks.baselines;

/**
 * GreedyFool's per-pixel cost weight, in place of the released GAN's distortion map (Dong et al. 2020 train an
 * ImageNet generator to predict how visible a change at each pixel is). The substitute is the image's local
 * texture: the standard deviation σ of each channel over the 3×3 window around the pixel (clipped at the border),
 * averaged over the channels, so a change in a textured region, where it is least visible, weighs most:
 * {@code w = floor + (1 − floor)·σ/max σ} (all ones on a flat image). {@link #uniform} turns the weighting off.
 *
 * <pre>{@code double[] w = DistortionMap.localDeviation(image, 3, 32, 32, 0.1);}</pre>
 */
final class DistortionMap {
    private DistortionMap() {
    }

    /** Weights [H·W] of one image given as a row of C·H·W values. */
    static double[] localDeviation(double[] image, int channels, int height, int width, double floor) {
        int plane = height * width;
        double[] sigma = new double[plane];
        for (int c = 0; c < channels; c++) {
            for (int r = 0; r < height; r++) {
                for (int col = 0; col < width; col++) {
                    double sum = 0;
                    double sq = 0;
                    int count = 0;
                    for (int dr = Math.max(0, r - 1); dr <= Math.min(height - 1, r + 1); dr++) {
                        for (int dc = Math.max(0, col - 1); dc <= Math.min(width - 1, col + 1); dc++) {
                            double v = image[c * plane + dr * width + dc];
                            sum += v;
                            sq += v * v;
                            count++;
                        }
                    }
                    double mean = sum / count;
                    sigma[r * width + col] += Math.sqrt(Math.max(0, sq / count - mean * mean)) / channels;
                }
            }
        }
        double max = 0;
        for (double s : sigma) {
            max = Math.max(max, s);
        }
        double[] w = new double[plane];
        for (int p = 0; p < plane; p++) {
            w[p] = max == 0 ? 1 : floor + (1 - floor) * sigma[p] / max;
        }
        return w;
    }

    /** Equal weights (the map turned off). */
    static double[] uniform(int height, int width) {
        double[] w = new double[height * width];
        java.util.Arrays.fill(w, 1);
        return w;
    }
}
