/**
 * Adversarial attacks in pixel space: the {@link sabre.attacks.Attack} API and its {@link sabre.attacks.AttackResult}
 * record, targeting strategies ({@link sabre.attacks.Goal}), losses ({@link sabre.attacks.Objective}), the dense
 * attacks FGSM, I-FGSM, PGD (L∞/L2, random start, restarts) and MI-FGSM, and 8-bit re-quantization. The sparse
 * attack AutoAdversary and its ablations live in {@link sabre.attacks.sparse}.
 *
 * <pre>{@code
 * Classifier f = Classifier.of(model);
 * AttackResult dense = new Pgd().eps(8 / 255.0).run(f, images, labels);
 * AttackResult sparse = new AutoAdversary().base(new Pgd().eps(8 / 255.0)).run(f, images, labels);
 * }</pre>
 */
package sabre.attacks;
