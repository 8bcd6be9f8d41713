package sabre.autograd;

import sabre.tensor.Tensor;

/**
 * A user-defined differentiable function with its own forward and backward, for straight-through estimators,
 * Shake-Shake's separate forward/backward randomness, or fused ops. {@code backward} returns one gradient per
 * input (null allowed where none is needed) and sees whatever {@code forward} put in the context.
 *
 * <pre>{@code
 * CustomFunction straightThroughSign = new CustomFunction() {
 *     public String name() { return "ste_sign"; }
 *     public Tensor forward(Context ctx, Tensor... in) { return in[0].sign(); }
 *     public Tensor[] backward(Context ctx, Tensor g) { return new Tensor[] {g}; } // identity gradient
 * };
 * Var y = straightThroughSign.apply(x);
 * }</pre>
 */
public interface CustomFunction {
    /** Name shown in graph prints. */
    String name();

    /** Computes the output from the input values; may save tensors in {@code ctx} for backward. */
    Tensor forward(Context ctx, Tensor... inputs);

    /** Given ∂L/∂output, returns ∂L/∂input_i for each input. */
    Tensor[] backward(Context ctx, Tensor gradOutput);

    /** Runs forward and records this function's backward as the VJP. */
    default Var apply(Var... inputs) {
        Context ctx = new Context();
        Tensor[] values = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            values[i] = inputs[i].value();
        }
        Tensor out = forward(ctx, values);
        return Graph.record(name(), out, "custom", (g, needs) -> {
            Tensor[] grads = backward(ctx, g);
            sabre.tensor.Check.arg(grads.length == inputs.length, name(),
                    "backward returned %d gradients for %d inputs", grads.length, inputs.length);
            Tensor[] out2 = new Tensor[grads.length];
            for (int i = 0; i < grads.length; i++) {
                out2[i] = needs[i] ? grads[i] : null;
            }
            return out2;
        }, inputs);
    }

    /** Storage for tensors and values that forward hands to backward. */
    final class Context {
        private final java.util.Map<String, Object> saved = new java.util.HashMap<>();

        /** Saves a value under a key. */
        public void save(String key, Object value) {
            saved.put(key, value);
        }

        /** A value saved by forward; fails naming the key when absent. */
        @SuppressWarnings("unchecked")
        public <T> T get(String key) {
            sabre.tensor.Check.arg(saved.containsKey(key), "custom function", "nothing saved under '%s'", key);
            return (T) saved.get(key);
        }
    }
}
