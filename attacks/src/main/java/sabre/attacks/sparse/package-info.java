/**
 * AutoAdversary, the pixel-pruning sparse attack (thesis ch. 3): per-image mask encoders (FC, U-Net, free logits),
 * the binarizer and its α schedule, the pruning loss {@code J + λ‖m‖₁/N}, and the thesis's ablation variants.
 *
 * <pre>{@code AttackResult r = new AutoAdversary().base(new MiFgsm().eps(4 / 255.0)).run(f, images, labels);}</pre>
 */
package sabre.attacks.sparse;
