package sabre.nn.models;

import sabre.nn.Module;
import sabre.nn.Sequential;
import sabre.tensor.Check;

import java.util.Arrays;

/**
 * One stage of a residual net as PyTorch's {@code _make_layer} builds it: blocks named {@code 0 … n−1}, the first
 * taking the stage's input channels and stride, the others the stage's output channels and stride 1.
 *
 * <pre>{@code Sequential layer2 = Stage.of(2, 64, 128, 2, (in, stride) -> new BasicBlock(in, 128, stride, ...));}</pre>
 */
final class Stage {
    private Stage() {
    }

    /** Makes one block from its input channels and stride. */
    @FunctionalInterface
    interface BlockFactory {
        Module create(int in, int stride);
    }

    /** {@code blocks} blocks from {@code in} to {@code out} channels, the first with {@code stride}. */
    static Sequential of(int blocks, int in, int out, int stride, BlockFactory factory) {
        Sequential stage = new Sequential();
        for (int i = 0; i < blocks; i++) {
            stage.add(factory.create(i == 0 ? in : out, i == 0 ? stride : 1));
        }
        return stage;
    }

    /** The total block count of {@code stages} stages; fails naming {@code model} unless each has at least one. */
    static int totalBlocks(String model, int stages, int[] blocks) {
        Check.arg(blocks.length == stages && Arrays.stream(blocks).allMatch(b -> b >= 1), model,
                "expected %d stages of at least one block, found %s", stages, Arrays.toString(blocks));
        return Arrays.stream(blocks).sum();
    }

    /**
     * Blocks per stage n of a three-stage net of depth 6n + {@code rest} (two convolutions per block);
     * fails naming {@code model} unless n is a positive integer.
     */
    static int perStage(String model, int depth, int rest) {
        Check.arg(depth - rest >= 6 && (depth - rest) % 6 == 0, model, "depth %d is not 6n+%d with n >= 1", depth,
                rest);
        return (depth - rest) / 6;
    }
}
