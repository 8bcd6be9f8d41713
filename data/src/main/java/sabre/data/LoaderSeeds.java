package sabre.data;

import sabre.tensor.Philox;

/**
 * Derives the {@link DataLoader}'s independent seeds from its one seed: Philox 4×32-10 with key {@code seed} and
 * counter {@code (index, epoch, stream, 0)}, output lanes 0–1 as a 64-bit seed. Distinct streams keep the epoch's
 * shuffle and the samples' augmentation draws unrelated; each key depends only on its own (epoch, index).
 */
final class LoaderSeeds {
    /** Stream of the per-epoch shuffling permutation (index 0). */
    static final int SHUFFLE = 1;
    /** Stream of the per-sample transform generators (index = sample's data-set position). */
    static final int TRANSFORM = 2;

    private LoaderSeeds() {
    }

    static long derive(long seed, int stream, int epoch, int index) {
        int[] lanes = Philox.block(new int[] {index, epoch, stream, 0}, new int[] {(int) seed, (int) (seed >>> 32)});
        return ((long) lanes[0] << 32) | (lanes[1] & 0xFFFFFFFFL);
    }
}
