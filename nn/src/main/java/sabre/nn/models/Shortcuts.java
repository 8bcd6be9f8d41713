package sabre.nn.models;

import sabre.autograd.Var;
import sabre.nn.Module;
import sabre.nn.Sequential;
import sabre.nn.layers.BatchNorm;
import sabre.nn.layers.Conv2d;
import sabre.tensor.Generator;
import sabre.tensor.PadMode;

/**
 * The shortcut branches of the post-activation CIFAR ResNets. When the block keeps its shape both are an empty
 * {@link Sequential} (the identity, no state-dict keys), as in the reference code.
 *
 * <pre>{@code Module sc = Shortcuts.projection(64, 128, 2, gen); // keys 0.weight, 1.weight, 1.running_mean, …}</pre>
 */
public final class Shortcuts {
    private Shortcuts() {
    }

    /**
     * He et al.'s option B (kuangliu/pytorch-cifar): {@code Sequential(0: conv 1×1 in→out with stride, no bias,
     * 1: BatchNorm(out))} when {@code stride ≠ 1 or in ≠ out}.
     */
    public static Module projection(int in, int out, int stride, Generator g) {
        Sequential s = new Sequential();
        return stride == 1 && in == out ? s
                : s.add(new Conv2d(in, out, 1, stride, 0, false, g)).add(BatchNorm.of2d(out));
    }

    /**
     * He et al.'s option A (akamaster/pytorch_resnet_cifar10), parameter-free: when {@code stride ≠ 1 or in ≠ out},
     * {@code pad(x[:, :, ::2, ::2], channels (out/4, out/4))} — the reference subsamples by 2 and zero-pads out/4
     * channels on each side whatever the stride and widths, which is right for its doubling stages (out = 2·in).
     */
    public static Module optionA(int in, int out, int stride) {
        return stride == 1 && in == out ? new Sequential() : new OptionA(out / 4);
    }

    private static final class OptionA extends Module {
        private final int padChannels;

        OptionA(int padChannels) {
            this.padChannels = padChannels;
        }

        @Override
        public Var forward(Var x) {
            Var sub = x.slice(2, 0, x.shape()[2], 2).slice(3, 0, x.shape()[3], 2);
            return sub.pad(new int[] {0, 0, 0, 0, padChannels, padChannels}, PadMode.CONSTANT, 0);
        }

        @Override
        protected String describe() {
            return "x[:, :, ::2, ::2] padded by " + padChannels + " zero channels each side";
        }
    }
}
