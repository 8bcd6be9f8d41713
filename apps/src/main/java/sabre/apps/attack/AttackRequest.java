package sabre.apps.attack;

import sabre.attacks.Attack;
import sabre.attacks.Goal;
import sabre.attacks.registry.AttackContext;
import sabre.attacks.registry.AttackEntry;
import sabre.attacks.registry.Attacks;
import sabre.attacks.registry.OptionValues;
import sabre.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One attack as a command asks for it: a registry method with its own option values, the radii, the targeting
 * (a mode, or given target classes), the seed and the batch size. Every setting is checked when the request is made,
 * before any work. A fresh attack is built per radius and per batch, so given targets follow the batch.
 *
 * <pre>{@code AttackRequest r = AttackRequest.of("pgd", Map.of("steps", "20"), List.of(Eps.parse("8/255")));}</pre>
 *
 * @param radii the radii to run, in order; for an unbounded method a single entry whose value is ignored
 * @param targeting {@code none|random|least-likely|next}, ignored when {@code targets} is given
 * @param targets INT32 [N] target classes for all images, or null
 */
public record AttackRequest(AttackEntry entry, Map<String, String> options, List<Eps> radii, String targeting,
                            Tensor targets, long seed, int batch) {
    public AttackRequest {
        options = Map.copyOf(new LinkedHashMap<>(options));
        radii = List.copyOf(radii);
        if (radii.isEmpty()) {
            throw new IllegalArgumentException("--eps: give at least one radius");
        }
        if (batch < 1) {
            throw new IllegalArgumentException("--batch must be at least 1, found " + batch);
        }
        Goal.parse(targeting, seed); // validates the name before any work
        if (targets != null && !targeting.equals("none")) {
            throw new IllegalArgumentException("--targets gives the target classes: drop --targeted " + targeting);
        }
        entry.create(new AttackContext(radii.get(0).value(), Goal.untargeted(), seed), options); // validates options
    }

    /** An untargeted request with seed 0 and batches of 100. */
    public static AttackRequest of(String method, Map<String, String> options, List<Eps> radii) {
        return new AttackRequest(Attacks.entry(method), options, radii, "none", null, 0, 100);
    }

    /**
     * The radii a command runs: those written, or the method's default; an unbounded method refuses written radii
     * (it would ignore them) and runs once.
     */
    public static List<Eps> radii(AttackEntry entry, Map<String, String> options, String written) {
        if (!entry.bounded()) {
            if (written != null) {
                throw new IllegalArgumentException("--eps: " + entry.name() + " is unbounded (it measures the L-inf "
                        + "it needs); drop --eps");
            }
            return List.of(new Eps(0, "none"));
        }
        double defaultEps = entry.defaultEps(OptionValues.parse(entry, options));
        if (written != null) {
            List<Eps> radii = Eps.parseList(written);
            for (Eps e : radii) {
                if (defaultEps < 1 && e.value() >= 1) { // an L∞ radius of 1 or more allows any image at all
                    throw new IllegalArgumentException("--eps " + e + ": an L-inf radius is in pixel units of [0, 1], "
                            + "so " + e + " allows any image; did you mean " + e + "/255?");
                }
            }
            return radii;
        }
        double eps = defaultEps;
        return List.of(Eps.of(eps));
    }

    /** The method's registry name. */
    public String method() {
        return entry.name();
    }

    /** The same request with other option values (checked again). */
    public AttackRequest withOptions(Map<String, String> values) {
        return new AttackRequest(entry, values, radii, targeting, targets, seed, batch);
    }

    /** The same request in batches of {@code size}. */
    public AttackRequest withBatch(int size) {
        return new AttackRequest(entry, options, radii, targeting, targets, seed, size);
    }

    /** The same request at other radii. */
    public AttackRequest withRadii(List<Eps> values) {
        return new AttackRequest(entry, options, values, targeting, targets, seed, batch);
    }

    /** The attack at radius {@code eps} for images {@code start .. start + len} of the input. */
    public Attack build(double eps, int start, int len) {
        return entry.create(new AttackContext(eps, goal(start, len), seed), options);
    }

    /** The goal for images {@code start .. start + len}. */
    public Goal goal(int start, int len) {
        return targets != null ? Goal.given(targets.narrow(0, start, len)) : Goal.parse(targeting, seed);
    }

    /** Every setting as written into results files: method, options, the other options' defaults, targeting, seed. */
    public Map<String, Object> settings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", entry.name());
        m.put("options", new java.util.TreeMap<>(options));
        m.put("defaults", entry.defaultsBesides(options));
        m.put("targeting", targets != null ? "given" : targeting);
        m.put("seed", seed);
        return m;
    }
}
