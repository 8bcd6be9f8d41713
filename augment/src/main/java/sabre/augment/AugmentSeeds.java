package sabre.augment;

import sabre.tensor.Generator;
import sabre.tensor.Philox;

/**
 * The generator of one augmentation stage for one sample in one epoch: Philox 4×32-10 keyed by the run's seed, at
 * counter {@code (index, epoch, stage, 'AUGM')}, lanes 0–1 as the new generator's seed. A sample's draws therefore
 * depend only on (seed, stage, epoch, index) — not on the batch it lands in, the batch size or the thread.
 *
 * <pre>{@code Generator g = AugmentSeeds.generator(1, 0, epoch, index);}</pre>
 */
public final class AugmentSeeds {
    private static final int TAG = 0x4155474D; // "AUGM": keeps these keys apart from the data loader's streams

    private AugmentSeeds() {
    }

    /** The generator for stage {@code stage} of sample {@code index} in epoch {@code epoch}. */
    public static Generator generator(long seed, int stage, int epoch, int index) {
        int[] lanes = Philox.block(new int[] {index, epoch, stage, TAG}, new int[] {(int) seed, (int) (seed >>> 32)});
        return new Generator(((long) lanes[0] << 32) | (lanes[1] & 0xFFFFFFFFL));
    }
}
