package sabre.nn;

import sabre.tensor.DType;
import sabre.tensor.Device;
import sabre.tensor.Generator;
import sabre.tensor.Tensor;

/**
 * Weight initialisers with PyTorch's formulas ({@code torch.nn.init}); every draw comes from an explicit
 * {@link Generator}. Layers use {@link #kaimingUniformDefault} and {@link #fanInUniform} as PyTorch's
 * {@code reset_parameters} does, so training behaves the same (same distributions, not the same bits).
 *
 * <pre>{@code Tensor w = Init.kaimingNormal(gen, DType.FLOAT32, FanMode.FAN_OUT, 64, 3, 3, 3);}</pre>
 */
public final class Init {
    private Init() {
    }

    /** Which fan {@link #kaimingNormal} scales by. */
    public enum FanMode { FAN_IN, FAN_OUT }

    /** Fan-in of a weight shape: dim 1 × receptive field (dims 2…). */
    public static int fanIn(int... shape) {
        return shape.length < 2 ? shape[0] : shape[1] * receptive(shape);
    }

    /** Fan-out of a weight shape: dim 0 × receptive field. */
    public static int fanOut(int... shape) {
        return shape[0] * receptive(shape);
    }

    private static int receptive(int[] shape) {
        int r = 1;
        for (int i = 2; i < shape.length; i++) {
            r *= shape[i];
        }
        return r;
    }

    /** U(−bound, bound). */
    public static Tensor uniform(Generator g, DType dtype, double bound, int... shape) {
        return Tensor.uniform(g, Device.defaultDevice(), dtype, -bound, bound, shape);
    }

    /**
     * PyTorch's default for Linear/Conv weights, {@code kaiming_uniform_(a=√5)}: bound = gain·√(3/fan_in) with
     * gain = √(2/(1+a²)) = √(1/3), i.e. bound = 1/√fan_in.
     */
    public static Tensor kaimingUniformDefault(Generator g, DType dtype, int... shape) {
        return uniform(g, dtype, 1 / Math.sqrt(fanIn(shape)), shape);
    }

    /** PyTorch's default bias: U(−1/√fan_in, 1/√fan_in) for the given fan-in. */
    public static Tensor fanInUniform(Generator g, DType dtype, int fanIn, int... shape) {
        return uniform(g, dtype, fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0, shape);
    }

    /** {@code kaiming_normal_(mode, nonlinearity='relu')}: N(0, 2/fan). */
    public static Tensor kaimingNormal(Generator g, DType dtype, FanMode mode, int... shape) {
        int fan = mode == FanMode.FAN_IN ? fanIn(shape) : fanOut(shape);
        return Tensor.normal(g, Device.defaultDevice(), dtype, 0, Math.sqrt(2.0 / fan), shape);
    }
}
