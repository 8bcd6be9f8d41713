package sabre.attacks.sparse;

import sabre.autograd.Var;
import sabre.nn.Init;
import sabre.tensor.DType;
import sabre.tensor.Device;
import sabre.tensor.Generator;
import sabre.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * Stacks one independently initialised tensor per image into a trainable [N, ...] parameter, each image's part drawn
 * from its own generator (PyTorch's default Linear/Conv2d initialisation: U(±1/√fan_in) for weights and biases).
 *
 * <pre>{@code Var w = PerImageParams.uniform(gens, dev, dtype, fanIn, hidden, inputs);}</pre>
 */
final class PerImageParams {
    private final List<Var> all = new ArrayList<>();

    /** A parameter [N, shape...] with U(±1/√fanIn) entries, image n's slice from {@code perImage[n]}. */
    Var uniform(Generator[] perImage, Device device, DType dtype, int fanIn, int... shape) {
        Tensor[] parts = new Tensor[perImage.length];
        for (int n = 0; n < parts.length; n++) {
            parts[n] = Init.fanInUniform(perImage[n], dtype, fanIn, shape).to(device);
        }
        return register(Tensor.stack(List.of(parts), 0));
    }

    /** A parameter [N, shape...] filled with {@code value}. */
    Var constant(int images, Device device, DType dtype, double value, int... shape) {
        int[] full = new int[shape.length + 1];
        full[0] = images;
        System.arraycopy(shape, 0, full, 1, shape.length);
        return register(Tensor.full(device, dtype, value, full));
    }

    List<Var> all() {
        return List.copyOf(all);
    }

    private Var register(Tensor t) {
        Var v = Var.param(t);
        all.add(v);
        return v;
    }
}
