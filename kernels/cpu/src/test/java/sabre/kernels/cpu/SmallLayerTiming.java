package sabre.kernels.cpu;

import sabre.tensor.BatchNormResult;
import sabre.tensor.Conv2dParams;
import sabre.tensor.Device;
import sabre.tensor.Functional;
import sabre.tensor.Tensor;
import sabre.tensor.spi.Backends;
import sabre.tensor.spi.NormOps;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Scratch timing (not a unit test) of ResNet-20's layers at batch 128 on 1×28×28 inputs: conv 3×3 16→16 28×28,
 * 32→32 14×14, 64→64 7×7 (forward, input gradient, weight gradient) and batch norm forward/backward. Run after
 * {@code mvn -pl kernels/cpu -am test-compile}:
 * <pre>
 * java --add-modules jdk.incubator.vector \
 *   -cp kernels/cpu/target/classes:kernels/cpu/target/test-classes:tensor/target/classes \
 *   sabre.kernels.cpu.SmallLayerTiming [seconds of warm-up per case]
 * </pre>
 */
public final class SmallLayerTiming {
    private SmallLayerTiming() {
    }

    private static double warm = 2;

    private static double[] time(int reps, Supplier<Object> body) {
        long end = System.nanoTime() + (long) (warm * 1e9);
        while (System.nanoTime() < end) {
            body.get();
        }
        double[] t = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            body.get();
            t[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(t);
        return t;
    }

    private static void report(String what, double flop, double[] ms) {
        double med = ms[ms.length / 2];
        System.out.printf("%-36s min %7.2f  median %7.2f  max %7.2f ms  %6.1f GFLOP/s (median)%n", what, ms[0], med,
                ms[ms.length - 1], flop / med / 1e6);
    }

    public static void main(String[] args) {
        if (args.length > 0) {
            warm = Double.parseDouble(args[0]);
        }
        int batch = 128;
        Conv2dParams p = Conv2dParams.of(1, 1);
        for (int[] cs : new int[][] {{16, 28}, {32, 14}, {64, 7}}) {
            int c = cs[0];
            int hw = cs[1];
            Tensor x = Fixtures.randn(Device.CPU, 3, batch, c, hw, hw);
            Tensor w = Fixtures.randn(Device.CPU, 4, c, c, 3, 3);
            Tensor g = Fixtures.randn(Device.CPU, 5, batch, c, hw, hw);
            double flop = 2.0 * batch * c * c * 9 * hw * hw;
            String name = "conv " + c + "->" + c + " " + hw + "x" + hw;
            report(name + " fwd", flop, time(9, () -> Functional.conv2d(x, w, null, p)));
            report(name + " dx", flop, time(9, () -> Functional.conv2dInputGrad(g, w, x.shape(), p)));
            report(name + " dw", flop, time(9, () -> Functional.conv2dWeightGrad(g, x, w.shape(), p)));
        }
        NormOps norm = Backends.get(Device.CPU).norm();
        Tensor x = Fixtures.randn(Device.CPU, 3, batch, 16, 28, 28);
        Tensor g = Fixtures.randn(Device.CPU, 5, batch, 16, 28, 28);
        Tensor gamma = Fixtures.randn(Device.CPU, 6, 16);
        Tensor beta = Fixtures.randn(Device.CPU, 7, 16);
        BatchNormResult r = norm.batchNorm(x, gamma, beta, null, null, true, 1e-5);
        report("batch norm fwd [128,16,28,28]", 0, time(9, () -> norm.batchNorm(x, gamma, beta, null, null, true,
                1e-5)));
        report("batch norm bwd [128,16,28,28]", 0, time(9, () -> norm.batchNormBackward(g, x, gamma, r.mean(),
                r.invStd(), true)));
        report("relu [128,16,28,28]", 0, time(9, () -> x.relu()));
        report("relu backward g*(x>0)", 0, time(9, () -> g.mul(x.gt(0).to(g.dtype()))));
        report("add [128,16,28,28]", 0, time(9, () -> x.add(g)));
    }
}
