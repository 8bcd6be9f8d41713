package sabre.nn.optim;

import sabre.autograd.NoGrad;
import sabre.autograd.Var;
import sabre.nn.Stateful;
import sabre.tensor.Check;
import sabre.tensor.DType;
import sabre.tensor.Shape;
import sabre.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A first-order optimizer over a fixed list of parameters (one PyTorch parameter group). {@link #step()} updates
 * every parameter that has a gradient and skips the others, as PyTorch does; the update runs under {@link NoGrad}
 * and replaces each parameter's value with {@link Var#assign}.
 *
 * <p>Per-parameter state (momentum buffers, Adam moments, step counts) is created on a parameter's first update and
 * saved by {@link #stateDict()} under {@code state.<index>.<key>}, the index being the parameter's position in the
 * list given to the constructor (PyTorch's numbering), next to {@code lr}. A key named {@value #STEP} is a 0-d INT32
 * counter; every other key is a tensor shaped like its parameter. {@code lr} is a 0-d FLOAT64 tensor.
 *
 * <pre>{@code
 * Optimizer opt = new SGD(net.parameters(), 0.1, 0.9, 0, 5e-4, true);
 * opt.zeroGrad(); loss.backward(); opt.step();
 * }</pre>
 */
public abstract class Optimizer implements Stateful {
    /** The state key of per-parameter step counters. */
    public static final String STEP = "step";
    private static final String LR = "lr";

    private final String name;
    private final List<Var> params;
    private final List<Map<String, Tensor>> state = new ArrayList<>();
    private double lr;

    /** Checks {@code params} (a non-empty list of distinct leaves requiring gradients) and the learning rate. */
    protected Optimizer(String name, List<Var> params, double lr) {
        this.name = name;
        require(params != null && !params.isEmpty(), "the parameter list is empty");
        Map<Var, Integer> seen = new IdentityHashMap<>();
        for (int i = 0; i < params.size(); i++) {
            Var p = params.get(i);
            require(p != null, "parameter %d is null", i);
            require(p.isLeaf() && p.requiresGrad(), "parameter %d is not a leaf requiring a gradient: %s", i, p);
            Integer first = seen.put(p, i);
            require(first == null, "parameter %d is the same var as parameter %d", i, first);
            state.add(new LinkedHashMap<>());
        }
        this.params = List.copyOf(params);
        setLr(lr);
    }

    /**
     * Computes one parameter's new value from its current value and gradient, reading and replacing its entries in
     * {@code state} (empty before the parameter's first update; afterwards holding exactly {@link #stateKeys()}).
     */
    protected abstract Tensor update(Tensor param, Tensor grad, Map<String, Tensor> state);

    /** The keys every updated parameter's state holds (empty for a stateless optimizer). */
    protected abstract List<String> stateKeys();

    /** Fails with {@code IllegalArgumentException("<optimizer name>: <message>")} when {@code condition} is false. */
    protected final void require(boolean condition, String message, Object... args) {
        Check.arg(condition, name, message, args);
    }

    /** Applies one update to every parameter that has a gradient. */
    public final void step() {
        try (NoGrad scope = NoGrad.enter()) {
            for (int i = 0; i < params.size(); i++) {
                Var p = params.get(i);
                if (p.grad() != null) {
                    p.assign(update(p.value(), p.grad(), state.get(i)));
                }
            }
        }
    }

    /** Clears every parameter's gradient (PyTorch's {@code zero_grad(set_to_none=True)}). */
    public final void zeroGrad() {
        params.forEach(Var::zeroGrad);
    }

    /** The parameters, in the order given to the constructor. */
    public final List<Var> parameters() {
        return params;
    }

    /** The learning rate the next {@link #step()} uses. */
    public final double lr() {
        return lr;
    }

    /** Sets the learning rate used by the next {@link #step()} (what a schedule calls). */
    public final void setLr(double lr) {
        require(Double.isFinite(lr) && lr >= 0, "learning rate must be finite and >= 0, found %s", lr);
        this.lr = lr;
    }

    @Override
    public final Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put(LR, Tensor.scalar(lr, DType.FLOAT64));
        for (int i = 0; i < params.size(); i++) {
            Map<String, Tensor> s = state.get(i);
            for (String key : stateKeys()) {
                if (s.containsKey(key)) {
                    out.put(stateKey(i, key), s.get(key));
                }
            }
        }
        return out;
    }

    /**
     * Restores {@code lr} and the per-parameter state. A parameter's state is either absent (never updated) or
     * complete; buffers are converted to their parameter's dtype and device. Nothing changes when a key is missing,
     * unexpected or mis-shaped.
     */
    @Override
    public final void loadStateDict(Map<String, Tensor> source) {
        Tensor lrTensor = source.get(LR);
        require(lrTensor != null, "state dict has no '%s'", LR);
        require(lrTensor.dim() == 0, "'%s' must be 0-d, found shape %s", LR, Shape.str(lrTensor.shape()));
        for (String key : source.keySet()) {
            require(key.equals(LR) || isKnownStateKey(key), "unexpected key '%s'", key);
        }
        List<Map<String, Tensor>> loaded = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            loaded.add(loadParamState(i, source));
        }
        setLr(lrTensor.item());
        for (int i = 0; i < params.size(); i++) {
            state.set(i, loaded.get(i));
        }
    }

    private Map<String, Tensor> loadParamState(int index, Map<String, Tensor> source) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        boolean any = stateKeys().stream().anyMatch(k -> source.containsKey(stateKey(index, k)));
        if (!any) {
            return out;
        }
        Tensor param = params.get(index).value();
        for (String key : stateKeys()) {
            String full = stateKey(index, key);
            Tensor t = source.get(full);
            require(t != null, "state dict is missing '%s' (other state of parameter %d is present)", full, index);
            int[] expected = key.equals(STEP) ? new int[0] : param.shape();
            require(Arrays.equals(t.shape(), expected), "'%s' has shape %s, expected %s", full, Shape.str(t.shape()),
                    Shape.str(expected));
            out.put(key, key.equals(STEP) ? t.to(DType.INT32)
                    : t.to(param.dtype()).to(param.device()).contiguous());
        }
        return out;
    }

    private boolean isKnownStateKey(String key) {
        String[] parts = key.split("\\.", 3);
        if (parts.length != 3 || !parts[0].equals("state") || !stateKeys().contains(parts[2])) {
            return false;
        }
        try {
            int index = Integer.parseInt(parts[1]);
            return index >= 0 && index < params.size() && key.equals(stateKey(index, parts[2]));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String stateKey(int index, String key) {
        return "state." + index + "." + key;
    }
}
