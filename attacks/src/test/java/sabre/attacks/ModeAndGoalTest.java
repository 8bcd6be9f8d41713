package sabre.attacks;

import org.junit.jupiter.api.Test;
import sabre.nn.Module;
import sabre.tensor.Tensor;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Attacks run the model in eval mode and restore its mode; targeting strategies pick the documented classes. */
class ModeAndGoalTest {
    @Test
    void attackUsesEvalModeAndRestoresTrainingMode() {
        Module m = Fixtures.model(1, 5, 1);
        Classifier f = Classifier.of(m);
        Tensor x = Fixtures.images(4, 1, 5, 2);
        Tensor y = Fixtures.predictedLabels(f, x);
        AttackResult inEval = new Pgd().seed(1).run(f, x, y);
        Map<String, Tensor> before = m.stateDict();
        m.train(true);
        AttackResult fromTrain = new Pgd().seed(1).run(f, x, y);
        assertTrue(m.isTraining(), "training mode not restored");
        assertArrayEquals(inEval.adversarial().toFloatArray(), fromTrain.adversarial().toFloatArray(),
                "the attack did not run in eval mode (batch norm used batch statistics)");
        m.stateDict().forEach((k, v) -> assertArrayEquals(before.get(k).toDoubleArray(), v.toDoubleArray(), 0,
                k + " changed: running statistics were updated during the attack"));
        m.eval();
        new Fgsm().run(f, x, y);
        assertFalse(m.isTraining(), "eval mode not kept");
    }

    @Test
    void targetingStrategies() {
        Classifier f = Classifier.of(Fixtures.model(1, 5, 1));
        Tensor x = Fixtures.images(8, 1, 5, 2);
        Tensor y = Tensor.ofInts(new int[] {0, 1, 2, 3, 0, 1, 2, 3}, 8);
        Tensor logits = f.logits(x, 8);
        assertArrayEquals(new int[] {1, 2, 3, 0, 1, 2, 3, 0}, Goal.nextClass().aimedAt(x, y, logits).toIntArray());
        assertArrayEquals(logits.argmin(1, false).toIntArray(), Goal.leastLikely().aimedAt(x, y, logits).toIntArray());
        assertArrayEquals(y.toIntArray(), Goal.untargeted().aimedAt(x, y, logits).toIntArray());
        int[] r1 = Goal.random(5).aimedAt(x, y, logits).toIntArray();
        assertArrayEquals(r1, Goal.random(5).aimedAt(x, y, logits).toIntArray(), "same seed, other targets");
        int[] yy = y.toIntArray();
        boolean differsFromSeed6 = false;
        int[] r2 = Goal.random(6).aimedAt(x, y, logits).toIntArray();
        for (int i = 0; i < yy.length; i++) {
            assertNotEquals(yy[i], r1[i], "random target equals the label at " + i);
            differsFromSeed6 |= r1[i] != r2[i];
        }
        assertTrue(differsFromSeed6, "the seed does not change the random targets");
    }

    @Test
    void targetedSuccessMeansReachingTheTarget() {
        Classifier f = Classifier.of(Fixtures.model(1, 5, 1));
        Tensor x = Fixtures.images(8, 1, 5, 3);
        Tensor y = Fixtures.predictedLabels(f, x);
        AttackResult r = new Pgd().eps(0.3).steps(20).goal(Goal.nextClass()).run(f, x, y);
        assertTrue(r.targeted());
        int reached = 0;
        for (int i = 0; i < r.size(); i++) {
            assertEquals(r.predicted()[i] == r.aimedAt()[i], r.success()[i]);
            reached += r.success()[i] ? 1 : 0;
        }
        assertTrue(reached > 0, "a large-eps targeted PGD reached no target at all");
    }
}
