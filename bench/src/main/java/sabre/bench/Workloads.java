package sabre.bench;

import sabre.autograd.Autograd;
import sabre.autograd.F;
import sabre.autograd.NoGrad;
import sabre.autograd.Var;
import sabre.nn.Module;
import sabre.nn.models.ModelConfig;
import sabre.nn.models.Models;
import sabre.nn.optim.SGD;
import sabre.tensor.Conv2dParams;
import sabre.tensor.DType;
import sabre.tensor.Generator;
import sabre.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The benchmarked workloads, by name. {@code bench/pytorch/bench_torch.py} defines the same names with the same
 * shapes, batch sizes, modes and optimizer; keep the two in step.
 *
 * <p>Every workload is built once (weights, inputs, optimizer) and then repeats one operation: {@link #op}.
 * Training steps reuse one fixed random batch (no data loading is timed): forward in training mode, mean
 * cross-entropy, backward into the parameters, SGD (lr 0.1, momentum 0.9, weight decay 5e-4, Nesterov), gradients
 * cleared. Inference: eval mode under no-grad. The input-gradient step is one PGD step of an attack: eval mode,
 * ∂L/∂x only (no weight gradient is computed), then x + (2/255)·sign(∂L/∂x) clamped to [0, 1].
 */
public final class Workloads {
    /** One workload: the operation to repeat, its FLOP count per call (0: not reported) and images per call. */
    public record Workload(String name, String description, Runnable op, double flopsPerOp, int imagesPerOp) {
    }

    private static final Map<String, String> DESCRIPTIONS = new LinkedHashMap<>();
    private static final Map<String, Supplier<Workload>> FACTORIES = new LinkedHashMap<>();

    static {
        add("sgemm-1024", "SGEMM C[1024,1024] = A[1024,1024] B[1024,1024]", () -> sgemm("sgemm-1024", 1024, 1024, 1024));
        add("sgemm-256x2304x1024", "SGEMM C[256,1024] = A[256,2304] B[2304,1024] (M x K x N)",
                () -> sgemm("sgemm-256x2304x1024", 256, 2304, 1024));
        add("conv-fwd", "conv 3x3 pad 1, 64->64, 32x32, batch 128, no bias: forward", () -> conv("conv-fwd", 64, 32,
                false));
        add("conv-fwdbwd", "conv 3x3 pad 1, 64->64, 32x32, batch 128, no bias: forward + dX + dW",
                () -> conv("conv-fwdbwd", 64, 32, true));
        // the three stages of a CIFAR ResNet-20: where its training step spends its convolution time
        add("conv16x32-fwdbwd", "conv 3x3 pad 1, 16->16, 32x32, batch 128: forward + dX + dW (ResNet-20 stage 1)",
                () -> conv("conv16x32-fwdbwd", 16, 32, true));
        add("conv32x16-fwdbwd", "conv 3x3 pad 1, 32->32, 16x16, batch 128: forward + dX + dW (ResNet-20 stage 2)",
                () -> conv("conv32x16-fwdbwd", 32, 16, true));
        add("conv64x8-fwdbwd", "conv 3x3 pad 1, 64->64, 8x8, batch 128: forward + dX + dW (ResNet-20 stage 3)",
                () -> conv("conv64x8-fwdbwd", 64, 8, true));
        add("resnet20-train", "CIFAR ResNet-20 (akamaster) training step, batch 128, 3x32x32",
                () -> train("resnet20", ModelConfig.CIFAR10, 128));
        add("resnet18-train", "CIFAR ResNet-18 (kuangliu) training step, batch 128, 3x32x32",
                () -> train("resnet18", ModelConfig.CIFAR10, 128));
        add("resnet20-infer", "CIFAR ResNet-20 inference (eval, no grad), batch 128",
                () -> infer("resnet20", ModelConfig.CIFAR10, 128));
        add("resnet18-infer", "CIFAR ResNet-18 inference (eval, no grad), batch 128",
                () -> infer("resnet18", ModelConfig.CIFAR10, 128));
        add("resnet18-inputgrad", "ResNet-18 PGD step: dL/dx only (eval, weights frozen) + sign step, 100 images",
                () -> inputGrad("resnet18", ModelConfig.CIFAR10, 100));
        add("smallcnn-train", "small Fashion-MNIST CNN training step, batch 128, 1x28x28",
                () -> train("smallcnn", ModelConfig.FASHION_MNIST, 128));
    }

    private Workloads() {
    }

    private static void add(String name, String description, Supplier<Workload> factory) {
        DESCRIPTIONS.put(name, description);
        FACTORIES.put(name, factory);
    }

    /** Workload names with their descriptions, in the order compare.sh runs them. */
    public static Map<String, String> catalogue() {
        return DESCRIPTIONS;
    }

    /** Builds workload {@code name} (weights and inputs allocated, nothing run yet). */
    public static Workload create(String name) {
        Supplier<Workload> f = FACTORIES.get(name);
        if (f == null) {
            throw new IllegalArgumentException("unknown workload '" + name + "'; known: " + FACTORIES.keySet());
        }
        return f.get();
    }

    private static Workload sgemm(String name, int m, int k, int n) {
        Generator g = new Generator(1);
        Tensor a = Tensor.randn(g, DType.FLOAT32, m, k);
        Tensor b = Tensor.randn(g, DType.FLOAT32, k, n);
        return new Workload(name, DESCRIPTIONS.get(name), () -> a.matmul(b), 2.0 * m * k * n, 0);
    }

    private static Workload conv(String name, int c, int s, boolean backward) {
        int batch = 128;
        Generator g = new Generator(2);
        Tensor x = Tensor.randn(g, DType.FLOAT32, batch, c, s, s);
        Tensor w = Tensor.randn(g, DType.FLOAT32, c, c, 3, 3).mul(1 / Math.sqrt(9.0 * c)); // ~ Kaiming scale
        Tensor gy = Tensor.randn(g, DType.FLOAT32, batch, c, s, s);
        Conv2dParams p = Conv2dParams.of(1, 1);
        double fwdFlops = 2.0 * batch * c * s * s * c * 9;
        if (!backward) {
            return new Workload(name, DESCRIPTIONS.get(name), () -> {
                try (NoGrad scope = NoGrad.enter()) {
                    F.conv2d(Var.of(x), Var.of(w), null, p);
                }
            }, fwdFlops, 0);
        }
        Var xv = Var.param(x);
        Var wv = Var.param(w);
        return new Workload(name, DESCRIPTIONS.get(name), () -> {
            Var y = F.conv2d(xv, wv, null, p);
            Autograd.grad(List.of(y), List.of(gy), List.of(xv, wv), false);
        }, 3 * fwdFlops, 0);
    }

    private static Tensor images(Generator g, ModelConfig cfg, int batch) {
        return Tensor.rand(g, DType.FLOAT32, batch, cfg.inChannels(), cfg.imageSize(), cfg.imageSize());
    }

    private static Workload train(String model, ModelConfig cfg, int batch) {
        String name = model + "-train";
        Generator g = new Generator(3);
        Module net = Models.create(model, cfg, g);
        net.train(true);
        Tensor x = images(g, cfg, batch);
        Tensor labels = Tensor.randint(g, 0, cfg.classes(), batch);
        SGD sgd = new SGD(net.parameters(), 0.1, 0.9, 0, 5e-4, true);
        return new Workload(name, DESCRIPTIONS.get(name), () -> {
            Var loss = F.crossEntropy(net.forward(Var.of(x)), labels, 0.0, F.Reduction.MEAN);
            loss.backward();
            sgd.step();
            sgd.zeroGrad();
            loss.value().item();
        }, 0, batch);
    }

    private static Workload infer(String model, ModelConfig cfg, int batch) {
        String name = model + "-infer";
        Generator g = new Generator(4);
        Module net = Models.create(model, cfg, g);
        net.eval();
        Tensor x = images(g, cfg, batch);
        return new Workload(name, DESCRIPTIONS.get(name), () -> {
            try (NoGrad scope = NoGrad.enter()) {
                net.forward(Var.of(x));
            }
        }, 0, batch);
    }

    private static Workload inputGrad(String model, ModelConfig cfg, int batch) {
        String name = model + "-inputgrad";
        Generator g = new Generator(5);
        Module net = Models.create(model, cfg, g);
        net.eval();
        Tensor x = images(g, cfg, batch);
        Tensor labels = Tensor.randint(g, 0, cfg.classes(), batch);
        return new Workload(name, DESCRIPTIONS.get(name), () -> {
            Var xv = Var.param(x);
            Var loss = F.crossEntropy(net.forward(xv), labels, 0.0, F.Reduction.MEAN);
            Tensor dx = Autograd.grad(loss, xv)[0];
            x.add(dx.sign().mul(2.0 / 255)).clamp(0, 1);
        }, 0, batch);
    }
}
