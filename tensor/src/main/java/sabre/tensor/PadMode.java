package sabre.tensor;

/** How {@code pad} fills the border: a constant, the mirror image without the edge, or the edge repeated. */
public enum PadMode {
    CONSTANT, REFLECT, REPLICATE
}
