/**
 * Sparse baselines of the literature behind the {@link sabre.attacks.Attack} API, batched over images, each with its
 * registry entry: JSMA (Papernot et al. 2016), GreedyFool (Dong et al. 2020) and SparseFool (Modas et al. 2019).
 *
 * <pre>{@code AttackResult r = new Jsma().eps(8 / 255.0).run(Classifier.of(model), images, labels);}</pre>
 */
package sabre.attacks.baselines;
