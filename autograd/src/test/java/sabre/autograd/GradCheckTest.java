package sabre.autograd;

import org.junit.jupiter.api.Test;
import sabre.tensor.DType;
import sabre.tensor.Device;
import sabre.tensor.Generator;
import sabre.tensor.Tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GradCheck itself: it accepts correct rules, rejects wrong ones, and its stencils have the promised accuracy. */
class GradCheckTest {
    private static Tensor randn(long seed, int... shape) {
        return Tensor.normal(new Generator(seed), Device.REFERENCE, DType.FLOAT64, 0, 1, shape);
    }

    /** y = x³ with a custom backward scaled by {@code factor} (1 = correct). */
    private static Var cube(Var x, double factor) {
        CustomFunction f = new CustomFunction() {
            public String name() {
                return "cube";
            }

            public Tensor forward(Context ctx, Tensor... in) {
                ctx.save("x", in[0]);
                return in[0].pow(3);
            }

            public Tensor[] backward(Context ctx, Tensor g) {
                Tensor x0 = ctx.get("x");
                return new Tensor[] {g.mul(x0.mul(x0)).mul(3 * factor)};
            }
        };
        return f.apply(x);
    }

    @Test
    void acceptsACorrectRuleAndRejectsAWrongOne() {
        Tensor[] in = {randn(1, 3, 4)};
        assertTrue(GradCheck.elementwise(v -> cube(v[0], 1), in, 1e-6, 3).passes(1e-8, 1e-6));
        GradCheck.Result wrong = GradCheck.elementwise(v -> cube(v[0], 1.0001), in, 1e-6, 3);
        assertFalse(wrong.passes(1e-8, 1e-6), wrong.describe(1e-8, 1e-6));
        assertTrue(wrong.describe(1e-8, 1e-6).startsWith("FAILED"));
        assertFalse(GradCheck.randomDirection(v -> cube(v[0], 1.0001), in, 1e-6, 3).passes(1e-8, 1e-6));
        assertEquals(12, GradCheck.elementwise(v -> cube(v[0], 1), in, 1e-6, 3).checked());
    }

    @Test
    void fivePointStencilIsFourthOrder() {
        // for x³·c the five-point stencil is exact up to rounding even with a large step
        Tensor[] in = {randn(2, 5)};
        GradCheck.Result r = GradCheck.elementwise(v -> v[0].pow(3), in, 1e-2, 3, GradCheck.Stencil.FIVE_POINT);
        assertTrue(r.maxAbsError() < 1e-12, "max abs error " + r.maxAbsError());
        GradCheck.Result central = GradCheck.elementwise(v -> v[0].pow(3), in, 1e-2, 3);
        assertTrue(central.maxAbsError() > 1e-5, "the two-point stencil has O(h²) error: " + central.maxAbsError());
    }

    @Test
    void refusesFloat32Inputs() {
        Tensor x = randn(3, 2).to(DType.FLOAT32);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradCheck.elementwise(v -> v[0].exp(), new Tensor[] {x}, 1e-6, 1));
        assertTrue(e.getMessage().startsWith("gradcheck: input 0 is FLOAT32"), e.getMessage());
    }
}
