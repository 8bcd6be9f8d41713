package sabre.nn.models;

import sabre.autograd.Var;
import sabre.nn.Module;
import sabre.nn.Sequential;
import sabre.nn.layers.BatchNorm;
import sabre.nn.layers.Conv2d;
import sabre.nn.layers.ReLU;
import sabre.tensor.Generator;

import java.util.function.Supplier;

/**
 * A Shake-Shake residual block (owruby/shake-shake_pytorch {@code ShakeBlock}), children {@code shortcut, branch1,
 * branch2}: two branches {@code Sequential(0 ReLU, 1 conv 3×3 with the stride, 2 BN, 3 ReLU, 4 conv 3×3, 5 BN)}
 * (convolutions without bias) combined by {@link ShakeShake}, plus {@code x} or, when the width changes, the
 * {@link ShakeShortcut}. α and β are drawn from {@code shake.get()} at every forward (the model passes its
 * registered generator, so restoring a checkpoint's generator takes effect).
 *
 * <p>Every block owns a shortcut, even one that keeps its width and adds {@code x}: the reference assigns
 * {@code self.equal_io and None or Shortcut(...)}, which is a Shortcut either way, so its checkpoints hold those
 * parameters. They are loaded and saved but unused, and never receive a gradient.
 *
 * <pre>{@code Module b = new ShakeBlock(16, 32, 1, () -> shakeGen, gen);}</pre>
 */
public final class ShakeBlock extends Module {
    private final Module shortcut;
    private final boolean identity;
    private final Sequential branch1;
    private final Sequential branch2;
    private final Supplier<Generator> shake;

    /** {@code in → out} channels; parameters drawn from {@code g}, shake coefficients from {@code shake.get()}. */
    public ShakeBlock(int in, int out, int stride, Supplier<Generator> shake, Generator g) {
        shortcut = registerModule("shortcut", new ShakeShortcut(in, out, stride, g));
        identity = in == out;
        branch1 = registerModule("branch1", branch(in, out, stride, g));
        branch2 = registerModule("branch2", branch(in, out, stride, g));
        this.shake = shake;
    }

    private static Sequential branch(int in, int out, int stride, Generator g) {
        return new Sequential()
                .add(new ReLU()).add(new Conv2d(in, out, 3, stride, 1, false, g)).add(BatchNorm.of2d(out))
                .add(new ReLU()).add(new Conv2d(out, out, 3, 1, 1, false, g)).add(BatchNorm.of2d(out));
    }

    @Override
    public Var forward(Var x) {
        Var h1 = branch1.forward(x);
        Var h2 = branch2.forward(x);
        ShakeShake combine = ShakeShake.draw(x.shape()[0], isTraining(), shake.get(), h1.value().dtype(),
                h1.value().device());
        return combine.apply(h1, h2).add(identity ? x : shortcut.forward(x));
    }
}
