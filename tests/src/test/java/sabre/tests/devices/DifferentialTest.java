package sabre.tests.devices;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import sabre.tensor.Conv2dParams;
import sabre.tensor.DType;
import sabre.tensor.Device;
import sabre.tensor.Functional;
import sabre.tensor.Generator;
import sabre.tensor.PadMode;
import sabre.tensor.Pool2dParams;
import sabre.tensor.Tensor;

import java.util.Random;
import java.util.function.Function;

/**
 * On every GPU device (opencl, cuda), seeded random geometries (sizes that straddle tiles and work-groups, every
 * stride/padding/dilation/group mix, reduced-axis subsets of transposed views) run on the device and on the
 * reference backend, in FLOAT32 (tolerance 1e-5 relative, as the op table) and FLOAT64 (1e-12).
 */
@ParameterizedClass
@MethodSource("sabre.tests.devices.GpuDevices#devices")
class DifferentialTest {
    @Parameter
    Device device;
    private final Random rnd = new Random(2026);

    @BeforeEach
    void device() {
        GpuDevices.skipPlaceholder(device);
    }

    private int between(int lo, int hi) {
        return lo + rnd.nextInt(hi - lo + 1);
    }

    /** Applies {@code op} to seeded normal inputs built on each device, in both float types, and compares. */
    private void compare(String what, Function<Tensor[], Tensor> op, int[]... shapes) {
        for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            GpuDevices.assertClose(what + " " + t, op.apply(inputs(Device.REFERENCE, t, shapes)),
                    op.apply(inputs(device, t, shapes)), t == DType.FLOAT64 ? 1e-12 : 1e-5);
        }
    }

    private static Tensor[] inputs(Device d, DType t, int[][] shapes) {
        Tensor[] out = new Tensor[shapes.length];
        for (int i = 0; i < shapes.length; i++) {
            out[i] = Tensor.normal(new Generator(100 + i), d, t, 0, 1, shapes[i]);
        }
        return out;
    }

    @Test
    void convolutions() {
        for (int trial = 0; trial < 12; trial++) {
            int groups = between(1, 3);
            int kh = between(1, 4);
            int kw = between(1, 4);
            Conv2dParams p = new Conv2dParams(between(1, 3), between(1, 3), between(0, 2), between(0, 2),
                    between(1, 2), between(1, 2), groups);
            int[] x = {between(1, 3), groups * between(1, 3), between(p.dilationH() * (kh - 1) + 1, 12),
                    between(p.dilationW() * (kw - 1) + 1, 12)};
            int[] w = {groups * between(1, 3), x[1] / groups, kh, kw};
            int[] y = {x[0], w[0], p.outH(x[2], kh), p.outW(x[3], kw)};
            String what = "conv " + java.util.Arrays.toString(x) + " " + java.util.Arrays.toString(w) + " " + p;
            compare(what, in -> Functional.conv2d(in[0], in[1], in[2], p), x, w, new int[] {w[0]});
            compare(what + " dx", in -> Functional.conv2dInputGrad(in[0], in[1], x, p), y, w);
            compare(what + " dw", in -> Functional.conv2dWeightGrad(in[0], in[1], w, p), y, x);
        }
    }

    @Test
    void reductionsOverTransposedViews() {
        for (int trial = 0; trial < 12; trial++) {
            int[] shape = {between(1, 5), between(1, 70), between(1, 6)};
            int[] axes = rnd.nextBoolean() ? new int[] {between(0, 2)} : new int[] {0, 2};
            String what = "reduce " + java.util.Arrays.toString(shape) + " axes " + java.util.Arrays.toString(axes);
            compare(what + " sum", in -> in[0].transpose(0, 2).sum(axes, false), shape);
            compare(what + " amax", in -> in[0].transpose(0, 2).amax(axes, true), shape);
            compare(what + " var", in -> in[0].transpose(0, 2).var(axes, 1, false), shape);
            compare(what + " norm3", in -> in[0].transpose(0, 2).norm(3, axes, false), shape);
            compare(what + " argmin", in -> in[0].transpose(0, 2).argmin(axes[0], false), shape);
        }
    }

    @Test
    void poolingResizingAndPadding() {
        for (int trial = 0; trial < 12; trial++) {
            int k = between(1, 4);
            Pool2dParams p = new Pool2dParams(k, between(1, 4), between(1, 3), between(1, 3), between(0, k / 2), 0,
                    1, 1, rnd.nextBoolean());
            int[] x = {between(1, 2), between(1, 3), between(k + 1, 11), between(p.kernelW() + 1, 11)};
            String what = "pool " + java.util.Arrays.toString(x) + " " + p;
            compare(what + " max", in -> Functional.maxPool2d(in[0], p).values(), x);
            boolean countPad = rnd.nextBoolean();
            compare(what + " avg", in -> Functional.avgPool2d(in[0], p, countPad), x);
            int oh = between(1, 2 * x[2]);
            int ow = between(1, 2 * x[3]);
            boolean corners = rnd.nextBoolean();
            compare(what + " adaptive", in -> Functional.adaptiveAvgPool2d(in[0], Math.min(oh, x[2]), Math.min(ow,
                    x[3])), x);
            compare(what + " bilinear", in -> Functional.upsampleBilinear(in[0], oh, ow, corners), x);
            compare(what + " nearest", in -> Functional.upsampleNearest(in[0], oh, ow), x);
            PadMode mode = PadMode.values()[between(0, 2)];
            int[] pads = {between(0, x[3] - 1), between(0, x[3] - 1), between(0, x[2] - 1), between(0, x[2] - 1)};
            compare(what + " pad " + mode, in -> in[0].pad(pads, mode, 0.5), x);
        }
    }
}
