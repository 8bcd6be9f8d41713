package sabre.nn;

import sabre.tensor.Tensor;

import java.util.Map;

/**
 * Something whose state is saved in a training checkpoint (optimizers, schedules): named tensors, with scalars as
 * 0-d tensors (FLOAT64 for reals, INT32 for counters), so everything fits one safetensors file.
 *
 * <pre>{@code Map<String, Tensor> s = optimizer.stateDict(); other.loadStateDict(s);}</pre>
 */
public interface Stateful {
    /** The complete state, keyed by stable names. */
    Map<String, Tensor> stateDict();

    /** Restores a state produced by {@link #stateDict()}; fails naming the first missing or mismatched key. */
    void loadStateDict(Map<String, Tensor> state);
}
