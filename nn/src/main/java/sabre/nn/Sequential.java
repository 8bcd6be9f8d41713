package sabre.nn;

import sabre.autograd.Var;

/**
 * Children applied in order; named {@code "0"}, {@code "1"}, … when added without a name, as PyTorch's
 * {@code nn.Sequential}.
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
        for (Module m : children().values()) {
            x = m.forward(x);
        }
        return x;
    }
}
