package sabre.nn.models;

import sabre.autograd.Var;
import sabre.nn.Module;
import sabre.nn.layers.Linear;
import sabre.nn.layers.ReLU;
import sabre.tensor.Check;
import sabre.tensor.Generator;

/**
 * A fully connected encoder whose output has its input's shape [N, C, H, W]: flatten → {@code fc1}
 * Linear(C·H·W→hidden) → ReLU → {@code fc2} Linear(hidden→C·H·W) → reshape back. AutoAdversary feeds a perturbation
 * through it to get mask logits of the same shape.
 *
 * <pre>{@code Var z = new FcEncoder(3, 32, 32, 256, gen).forward(delta); // z has delta's shape}</pre>
 */
public final class FcEncoder extends Module {
    private final int channels;
    private final int height;
    private final int width;
    private final Linear fc1;
    private final ReLU relu;
    private final Linear fc2;

    public FcEncoder(int channels, int height, int width, int hidden, Generator g) {
        Check.positive("FcEncoder", "channels, height, width and hidden size", channels, height, width, hidden);
        this.channels = channels;
        this.height = height;
        this.width = width;
        int features = channels * height * width;
        fc1 = registerModule("fc1", new Linear(features, hidden, true, g));
        relu = registerModule("relu", new ReLU());
        fc2 = registerModule("fc2", new Linear(hidden, features, true, g));
    }

    @Override
    public Var forward(Var x) {
        int[] s = x.shape();
        Check.arg(s.length == 4 && s[1] == channels && s[2] == height && s[3] == width, "FcEncoder",
                "expected input [N, %d, %d, %d], found %s", channels, height, width, java.util.Arrays.toString(s));
        return fc2.forward(relu.forward(fc1.forward(x.flatten(1, -1)))).reshape(s);
    }

    @Override
    protected String describe() {
        return channels + "x" + height + "x" + width;
    }
}
