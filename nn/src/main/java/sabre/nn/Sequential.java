package sabre.nn;

import sabre.autograd.Var;
import sabre.nn.layers.BatchNorm;
import sabre.nn.layers.ReLU;

import java.util.List;

/**
 * Children applied in order; named {@code "0"}, {@code "1"}, … when added without a name, as PyTorch's
 * {@code nn.Sequential}. A {@link BatchNorm} directly followed by a {@link ReLU} runs as one fused op
 * ({@link BatchNorm#forwardRelu}): the same values, one pass fewer over the activation.
 *
 * <pre>{@code Sequential s = new Sequential().add(new Conv2d(...)).add(new BatchNorm2d(...));}</pre>
 */
public final class Sequential extends Module {
    private int count;

    /** Appends a module named by its position. */
    public Sequential add(Module m) {
        return add(Integer.toString(count), m);
    }

    /** Appends a module under an explicit name. */
    public Sequential add(String name, Module m) {
        registerModule(name, m);
        count++;
        return this;
    }

    /** Number of children. */
    public int size() {
        return count;
    }

    @Override
    public Var forward(Var input) {
        Var x = input;
        List<Module> modules = List.copyOf(children().values());
        for (int i = 0; i < modules.size(); i++) {
            Module m = modules.get(i);
            if (m instanceof BatchNorm bn && i + 1 < modules.size() && modules.get(i + 1) instanceof ReLU) {
                x = bn.forwardRelu(x);
                i++;
            } else {
                x = m.forward(x);
            }
        }
        return x;
    }
}
