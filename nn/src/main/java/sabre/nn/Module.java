package sabre.nn;

import sabre.autograd.NoGrad;
import sabre.autograd.Var;
import sabre.tensor.Check;
import sabre.tensor.DType;
import sabre.tensor.Device;
import sabre.tensor.Generator;
import sabre.tensor.Shape;
import sabre.tensor.Tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A neural-network building block with parameters (leaf {@link Var}s that require gradients), buffers (tensors
 * such as batch-norm running statistics) and child modules, all registered under PyTorch-style dotted names
 * ({@code layer1.0.conv1.weight}, {@code bn1.running_mean}). {@link #stateDict()} lists them in PyTorch's order —
 * a module's own parameters, then its own buffers, then each child's — so a PyTorch {@code state_dict} with the
 * same structure loads unchanged.
 *
 * <pre>{@code
 * Module net = new Sequential().add("0", new Conv2d(3, 16, 3, 1, 1, true, gen)).add("1", new ReLU());
 * Var y = net.train(false).forward(Var.of(images));
 * }</pre>
 */
public abstract class Module {
    private final Map<String, Var> parameters = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private final Map<String, Generator> generators = new LinkedHashMap<>();
    private boolean training = true;

    /** Applies the module. */
    public abstract Var forward(Var input);

    // ---------------------------------------------------------------- registration

    /** Registers a parameter (a leaf requiring a gradient) under {@code name} and returns it. */
    protected final Var registerParameter(String name, Tensor initial) {
        checkName(name);
        Var p = Var.param(initial).named(name);
        parameters.put(name, p);
        return p;
    }

    /** Registers a buffer (saved in the state dict, not trained). */
    protected final void registerBuffer(String name, Tensor initial) {
        checkName(name);
        buffers.put(name, initial);
    }

    /** Registers a child module under {@code name} and returns it. */
    protected final <M extends Module> M registerModule(String name, M module) {
        checkName(name);
        children.put(name, module);
        return module;
    }

    /**
     * Registers the random source of a stochastic layer (dropout masks, Shake-Shake coefficients). The layer must
     * read it back with {@link #generator(String)} at every use, so a training checkpoint can save and restore its
     * position ({@link #namedGenerators()}, {@link #setGenerator}) and a resumed run draws the same numbers.
     */
    protected final Generator registerGenerator(String name, Generator g) {
        checkName(name);
        generators.put(name, g);
        return g;
    }

    /** One of this module's own generators. */
    protected final Generator generator(String name) {
        Generator g = generators.get(name);
        Check.arg(g != null, "module", "%s has no generator '%s'", getClass().getSimpleName(), name);
        return g;
    }

    /** Every registered generator under its dotted name. */
    public final Map<String, Generator> namedGenerators() {
        Map<String, Generator> out = new LinkedHashMap<>();
        collectGenerators("", out);
        return out;
    }

    private void collectGenerators(String prefix, Map<String, Generator> out) {
        generators.forEach((k, g) -> out.put(prefix + k, g));
        children.forEach((k, m) -> m.collectGenerators(prefix + k + ".", out));
    }

    /** Replaces the generator registered under a dotted name (restoring a checkpoint). */
    public final void setGenerator(String dottedName, Generator g) {
        int dot = dottedName.indexOf('.');
        if (dot < 0) {
            Check.arg(generators.containsKey(dottedName), "module", "%s has no generator '%s'",
                    getClass().getSimpleName(), dottedName);
            generators.put(dottedName, g);
            return;
        }
        Module child = children.get(dottedName.substring(0, dot));
        Check.arg(child != null, "module", "%s has no child '%s'", getClass().getSimpleName(),
                dottedName.substring(0, dot));
        child.setGenerator(dottedName.substring(dot + 1), g);
    }

    private void checkName(String name) {
        Check.arg(!name.isEmpty() && !name.contains("."), "module", "invalid name '%s'", name);
        Check.arg(!parameters.containsKey(name) && !buffers.containsKey(name) && !children.containsKey(name)
                        && !generators.containsKey(name),
                "module", "'%s' is already registered in %s", name, getClass().getSimpleName());
    }

    /** The current value of one of this module's own buffers. */
    protected final Tensor buffer(String name) {
        Tensor t = buffers.get(name);
        Check.arg(t != null, "module", "%s has no buffer '%s'", getClass().getSimpleName(), name);
        return t;
    }

    /** Replaces one of this module's own buffers (running statistics); the shape must stay. */
    protected final void setBuffer(String name, Tensor value) {
        Tensor old = buffer(name);
        Check.arg(java.util.Arrays.equals(old.shape(), value.shape()), "module", "buffer '%s' has shape %s, not %s",
                name, Shape.str(old.shape()), Shape.str(value.shape()));
        buffers.put(name, value);
    }

    // ---------------------------------------------------------------- traversal

    /** Direct children in registration order. */
    public final Map<String, Module> children() {
        return java.util.Collections.unmodifiableMap(children);
    }

    /** Every parameter under its dotted name, in state-dict order. */
    public final Map<String, Var> namedParameters() {
        Map<String, Var> out = new LinkedHashMap<>();
        collect("", out, null);
        return out;
    }

    /** Every parameter, in state-dict order (what an optimizer receives). */
    public final List<Var> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** Every buffer under its dotted name. */
    public final Map<String, Tensor> namedBuffers() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", null, out);
        return out;
    }

    private void collect(String prefix, Map<String, Var> params, Map<String, Tensor> bufs) {
        if (params != null) {
            parameters.forEach((k, v) -> params.put(prefix + k, v));
        }
        if (bufs != null) {
            buffers.forEach((k, v) -> bufs.put(prefix + k, v));
        }
        children.forEach((k, m) -> m.collect(prefix + k + ".", params, bufs));
    }

    /** Parameter values and buffers by dotted name, in PyTorch's state-dict order. */
    public final Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        stateDict("", out);
        return out;
    }

    private void stateDict(String prefix, Map<String, Tensor> out) {
        parameters.forEach((k, v) -> out.put(prefix + k, v.value()));
        buffers.forEach((k, v) -> out.put(prefix + k, v));
        children.forEach((k, m) -> m.stateDict(prefix + k + ".", out));
    }

    /** Keys of a state dict that did not match this module. */
    public record LoadResult(List<String> missing, List<String> unexpected) {
    }

    /**
     * Copies values from {@code state} into the parameters and buffers with the same names (converted to each
     * one's dtype and device). Shapes must match. With {@code strict}, any missing or unexpected key is an error
     * listing all of them; otherwise they are returned.
     */
    public final LoadResult loadStateDict(Map<String, Tensor> state, boolean strict) {
        List<String> missing = new ArrayList<>();
        Map<String, Tensor> own = stateDict();
        for (String key : own.keySet()) {
            if (!state.containsKey(key)) {
                missing.add(key);
                continue;
            }
            Tensor src = state.get(key);
            Tensor dst = own.get(key);
            Check.arg(java.util.Arrays.equals(src.shape(), dst.shape()), "load_state_dict",
                    "'%s' has shape %s in the file but %s in the model", key, Shape.str(src.shape()),
                    Shape.str(dst.shape()));
        }
        List<String> unexpected = new ArrayList<>(new TreeSet<>(state.keySet()));
        unexpected.removeAll(own.keySet());
        if (strict && (!missing.isEmpty() || !unexpected.isEmpty())) {
            throw new IllegalArgumentException("load_state_dict: missing keys " + missing + ", unexpected keys "
                    + unexpected);
        }
        assignFrom("", state);
        return new LoadResult(missing, unexpected);
    }

    private void assignFrom(String prefix, Map<String, Tensor> state) {
        parameters.forEach((k, v) -> {
            Tensor src = state.get(prefix + k);
            if (src != null) {
                v.assign(src.to(v.value().dtype()).to(v.value().device()).contiguous());
            }
        });
        for (Map.Entry<String, Tensor> e : buffers.entrySet()) {
            Tensor src = state.get(prefix + e.getKey());
            if (src != null) {
                e.setValue(src.to(e.getValue().dtype()).to(e.getValue().device()).contiguous());
            }
        }
        children.forEach((k, m) -> m.assignFrom(prefix + k + ".", state));
    }

    // ---------------------------------------------------------------- modes, devices, gradients

    /** Sets training mode (batch statistics, dropout) on this module and all children; returns this. */
    public final Module train(boolean on) {
        training = on;
        children.values().forEach(m -> m.train(on));
        return this;
    }

    /** Same as {@code train(false)}. */
    public final Module eval() {
        return train(false);
    }

    public final boolean isTraining() {
        return training;
    }

    /** Moves every parameter and buffer to {@code device}; returns this. */
    public final Module to(Device device) {
        try (NoGrad scope = NoGrad.enter()) {
            parameters.values().forEach(p -> p.assign(p.value().to(device)));
            buffers.replaceAll((k, v) -> v.to(device));
        }
        children.values().forEach(m -> m.to(device));
        return this;
    }

    /**
     * Converts every parameter and every floating buffer to {@code dtype} (FLOAT32 or FLOAT64), like PyTorch's
     * {@code module.double()} / {@code .float()}; integer buffers such as {@code num_batches_tracked} keep their
     * type. Returns this.
     */
    public final Module to(DType dtype) {
        Check.arg(dtype.isFloating(), "module", "parameters must be FLOAT32 or FLOAT64, not %s", dtype);
        parameters.values().forEach(p -> p.convert(dtype));
        buffers.replaceAll((k, v) -> v.dtype().isFloating() ? v.to(dtype) : v);
        children.values().forEach(m -> m.to(dtype));
        return this;
    }

    /** Clears every parameter's accumulated gradient. */
    public final void zeroGrad() {
        namedParameters().values().forEach(Var::zeroGrad);
    }

    /** Number of trainable scalars. */
    public final long parameterCount() {
        return namedParameters().values().stream().mapToLong(p -> p.value().numel()).sum();
    }

    /** A one-line description of this module's own configuration (shown in {@link #toString()}). */
    protected String describe() {
        return "";
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        print(sb, "", "");
        return sb.toString();
    }

    private void print(StringBuilder sb, String indent, String name) {
        sb.append(indent).append(name.isEmpty() ? "" : "(" + name + "): ").append(getClass().getSimpleName())
                .append(describe().isEmpty() ? "" : "(" + describe() + ")").append('\n');
        children.forEach((k, m) -> m.print(sb, indent + "  ", k));
    }
}
