package sabre.kernels.cpu;

import sabre.tensor.Conv2dParams;
import sabre.tensor.Device;
import sabre.tensor.Functional;
import sabre.tensor.Tensor;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Scratch timing (not a unit test, not a JMH benchmark): SGEMM 1024³ and conv 3×3 64→64 on 32×32, batch 128,
 * forward + input gradient + weight gradient. Run after {@code mvn -pl kernels/cpu -am test-compile}:
 * <pre>
 * java --add-modules jdk.incubator.vector -Dsabre.threads=2 \
 *   -cp kernels/cpu/target/classes:kernels/cpu/target/test-classes:tensor/target/classes sabre.kernels.cpu.CpuTiming
 * </pre>
 */
public final class CpuTiming {
    private CpuTiming() {
    }

    private static double[] time(int reps, Supplier<Object> body) {
        long end = System.nanoTime() + 4_000_000_000L; // warm-up: the Vector API is slow until C2 compiles it
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
        System.out.printf("%-44s min %8.2f ms  median %8.2f ms  max %8.2f ms   %6.1f GFLOP/s (median), %6.1f (best)%n",
                what, ms[0], med, ms[ms.length - 1], flop / med / 1e6, flop / ms[0] / 1e6);
    }

    public static void main(String[] args) {
        System.out.println("threads " + Parallel.threads() + ", species " + Sgemm.S + ", MR×NR " + Sgemm.MR + "×"
                + Sgemm.NR);
        int n = 1024;
        Tensor a = Fixtures.randn(Device.CPU, 1, n, n);
        Tensor b = Fixtures.randn(Device.CPU, 2, n, n);
        report("sgemm 1024^3 (Tensor.matmul)", 2.0 * n * n * n, time(15, () -> a.matmul(b)));
        report("sgemm 1024^3, B transposed view", 2.0 * n * n * n, time(15, () -> a.matmul(b.mT())));

        int batch = 128;
        Tensor x = Fixtures.randn(Device.CPU, 3, batch, 64, 32, 32);
        Tensor w = Fixtures.randn(Device.CPU, 4, 64, 64, 3, 3);
        Tensor g = Fixtures.randn(Device.CPU, 5, batch, 64, 32, 32);
        Conv2dParams p = Conv2dParams.of(1, 1);
        double convFlop = 2.0 * batch * 64 * 64 * 9 * 32 * 32;
        double[] f = time(7, () -> Functional.conv2d(x, w, null, p));
        double[] di = time(7, () -> Functional.conv2dInputGrad(g, w, x.shape(), p));
        double[] dw = time(7, () -> Functional.conv2dWeightGrad(g, x, w.shape(), p));
        report("conv 3x3 64->64 32x32 b128 forward", convFlop, f);
        report("conv input grad", convFlop, di);
        report("conv weight grad", convFlop, dw);
        double[] all = time(5, () -> {
            Functional.conv2d(x, w, null, p);
            Functional.conv2dInputGrad(g, w, x.shape(), p);
            return Functional.conv2dWeightGrad(g, x, w.shape(), p);
        });
        report("conv fwd+bwd (PyTorch here: 242 ms)", 3 * convFlop, all);
    }
}
