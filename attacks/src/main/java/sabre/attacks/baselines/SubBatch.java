package sabre.attacks.baselines;

import sabre.attacks.Batch;
import sabre.tensor.Tensor;

/**
 * The samples {@code index} of a validated batch as a batch of their own (same model, goal and clean evaluation), so
 * an attack can keep working on the images it has not finished without re-running the others.
 *
 * <pre>{@code Batch open = SubBatch.of(batch, new int[] {0, 3});}</pre>
 */
final class SubBatch {
    private SubBatch() {
    }

    static Batch of(Batch batch, int[] index) {
        Tensor idx = Tensor.ofInts(index, index.length).to(batch.images().device());
        boolean[] correct = new boolean[index.length];
        for (int j = 0; j < index.length; j++) {
            correct[j] = batch.cleanCorrect()[index[j]];
        }
        return new Batch(batch.model(), batch.images().indexSelect(0, idx), batch.labels().indexSelect(0, idx),
                batch.aimedAt().indexSelect(0, idx), batch.targeted(), correct, batch.classes());
    }
}
