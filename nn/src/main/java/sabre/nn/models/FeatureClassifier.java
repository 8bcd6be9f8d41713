package sabre.nn.models;

import sabre.autograd.Var;

/**
 * A classifier split into a convolutional trunk and a head, so class-activation maps can be taken from the last
 * feature map: CAM (Zhou et al. 2016) when the head is global-average-pool + linear, Grad-CAM (Selvaraju et al.
 * 2017) for any head. {@code forward(x)} of such a model is {@code classify(features(x))}.
 *
 * <pre>{@code Var a = model.features(x); Var logits = model.classify(a);}</pre>
 */
public interface FeatureClassifier {
    /** The last convolutional feature map, [N, K, h, w]. */
    Var features(Var input);

    /** Logits [N, classes] from that feature map. */
    Var classify(Var features);
}
