package sabre.attacks.registry;

import sabre.attacks.Goal;

/**
 * The settings every attack of a run shares, as opposed to its own {@link OptionValues}: the radius ε (the L∞ or L2
 * bound; ignored by attacks that declare themselves unbounded), what counts as success, and the seed of every random
 * choice.
 *
 * <pre>{@code Attack a = Attacks.create("pgd", new AttackContext(8 / 255.0, Goal.untargeted(), 0), Map.of());}</pre>
 */
public record AttackContext(double eps, Goal goal, long seed) {
    public AttackContext {
        if (!(eps >= 0) || !Double.isFinite(eps)) {
            throw new IllegalArgumentException("eps must be finite and >= 0, found " + eps);
        }
    }

    /** The same context at another radius. */
    public AttackContext withEps(double radius) {
        return new AttackContext(radius, goal, seed);
    }
}
