/**
 * Information-dropping data augmentations and the batch-level seam through which a trainer applies them: Cutout,
 * Random Erasing, Hide-and-Seek, GridMask and AdvMask (region expansion around precomputed sensitive pixels, its
 * ablations, and the sensitive-pixel search built on AutoAdversary). Every random choice is drawn from a generator
 * keyed by (seed, stage, epoch, sample index), so the same seed gives the same masks whatever the batch or thread.
 */
package sabre.augment;
