package sabre.apps.cam;

import sabre.autograd.Autograd;
import sabre.autograd.F;
import sabre.autograd.NoGrad;
import sabre.autograd.Var;
import sabre.nn.models.FeatureClassifier;
import sabre.tensor.Device;
import sabre.tensor.Tensor;

import java.util.Arrays;

/**
 * Class-activation maps from a {@link FeatureClassifier}'s last feature map A [N, K, h, w], upsampled bilinearly to
 * the input size and scaled to [0, 1] per image.
 * <ul>
 *   <li>Grad-CAM (Selvaraju et al. 2017): {@code relu(Σ_k α_k·A_k)} with {@code α_k = mean_{h,w} ∂y_c/∂A_k};</li>
 *   <li>CAM (Zhou et al. 2016), for a global-average-pool + linear head, coincides with Grad-CAM up to the factor
 *       1/(h·w) and the relu, since then {@code ∂y_c/∂A_k = w_{c,k}/(h·w)} everywhere.</li>
 * </ul>
 *
 * <pre>{@code ClassActivation.Maps m = ClassActivation.gradCam(model, images, null); // predicted classes}</pre>
 */
public final class ClassActivation {
    private ClassActivation() {
    }

    /** Heatmaps [N, 1, H, W] in [0, 1], the class each map explains, and the logits. */
    public record Maps(Tensor heatmaps, int[] classes, Tensor logits) {
        /** Per image, the softmax probability of the class its map explains. */
        public double[] scores() {
            int k = logits.shape(1);
            float[] p = logits.to(Device.CPU).softmax(1).toFloatArray();
            double[] out = new double[classes.length];
            Arrays.setAll(out, i -> p[i * k + classes[i]]);
            return out;
        }
    }

    /** Grad-CAM for {@code classes} (one per image), or for the predicted classes when null. */
    public static Maps gradCam(FeatureClassifier model, Tensor images, int[] classes) {
        Tensor features;
        try (NoGrad scope = NoGrad.enter()) {
            features = model.features(Var.of(images)).value();
        }
        Var a = Var.param(features);
        Var logits = model.classify(a);
        int n = images.shape(0);
        int[] target = classes != null ? classes.clone() : logits.value().argmax(1, false).toIntArray();
        if (target.length != n) {
            throw new IllegalArgumentException("cam: " + target.length + " classes for " + n + " images");
        }
        // y = Σ_i logits[i, c_i]: one backward pass gives every image's ∂y_c/∂A
        Tensor picked = Tensor.ofInts(target, n, 1).to(images.device());
        Var score = logits.gather(1, picked).sum();
        Tensor grad = Autograd.grad(score, a)[0];
        Tensor alpha = grad.mean(new int[] {2, 3}, true); // α_k = mean over h, w
        Tensor cam = alpha.mul(features).sum(new int[] {1}, true).relu();
        Tensor up;
        try (NoGrad scope = NoGrad.enter()) {
            up = F.upsampleBilinear(Var.of(cam), images.shape(2), images.shape(3), false).value();
        }
        Tensor max = up.amax(new int[] {1, 2, 3}, true);
        Tensor scaled = up.div(max.add(1e-12));
        return new Maps(scaled, target, logits.value());
    }
}
