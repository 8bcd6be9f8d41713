package sabre.apps.attack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sabre.attacks.AttackResult;
import sabre.attacks.Classifier;
import sabre.attacks.registry.Attacks;
import sabre.nn.io.Npy;
import sabre.nn.io.SafeTensors;
import sabre.nn.models.ModelConfig;
import sabre.nn.models.SmallCnn;
import sabre.tensor.Generator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An attack job stopped after some batches and run again reads the journaled batches back (it does not attack them
 * again) and ends with the results of an uninterrupted run, bit for bit; a journal of other settings is refused.
 */
class AttackJournalTest {
    private static final Path FIXTURE = Path.of("..", "attacks", "src", "test", "resources", "sabre", "attacks",
            "fixture");
    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

    @TempDir
    Path tmp;

    private static Classifier model() throws IOException {
        SmallCnn net = new SmallCnn(ModelConfig.FASHION_MNIST, new Generator(0));
        net.loadStateDict(SafeTensors.read(FIXTURE.resolve("smallcnn.safetensors")).tensors(), true);
        return Classifier.of(net.eval());
    }

    private static Inputs inputs() throws IOException {
        return Inputs.of(Npy.read(FIXTURE.resolve("images.npy")).narrow(0, 0, 6),
                Npy.read(FIXTURE.resolve("labels.npy")).narrow(0, 0, 6));
    }

    private static AttackRequest request(long seed) {
        return new AttackRequest(Attacks.entry("autoadversary"),
                Map.of("steps", "2", "prune-steps", "3"), List.of(Eps.parse("4/255"), Eps.parse("8/255")), "none",
                null, seed, 2);
    }

    /** Batches.Step that counts the batches it attacks and fails (as a kill would) at batch {@code failAt}. */
    private static UnaryOperator<Batches.Step> counting(int[] attacked, int failAt) {
        return step -> (start, x, y) -> {
            if (start / 2 == failAt) {
                throw new IllegalStateException("killed");
            }
            attacked[0]++;
            return step.run(start, x, y);
        };
    }

    @Test
    void aStoppedJobContinuesFromItsJournalWithIdenticalResults() throws IOException {
        Classifier f = model();
        Inputs in = inputs();
        List<AttackResult> straight = AttackJob.run(f, in, request(3), QUIET);

        Path out = tmp.resolve("out");
        AttackRequest r = request(3);
        AttackJournal first = AttackJournal.open(out, r, in, AttackJournal.settings(r), "attack", QUIET);
        int[] attacked = new int[1];
        assertThrows(IllegalStateException.class, () -> AttackJob.run(f, in, r,
                s -> first.around(counting(attacked, 2).apply(s)), QUIET));
        assertEquals(2, attacked[0], "batches 0 and 1 attacked before the 'kill'");
        assertTrue(Files.exists(out.resolve("journal/batch-000001.safetensors")));

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        AttackJournal again = AttackJournal.open(out, r, in, AttackJournal.settings(r), "attack",
                new PrintStream(log, true));
        assertTrue(log.toString().contains("resuming, 2 of 3 batches already finished"), log.toString());
        attacked[0] = 0;
        List<AttackResult> resumed = AttackJob.run(f, in, r, s -> again.around(counting(attacked, -1).apply(s)),
                QUIET);
        assertEquals(1, attacked[0], "only the unfinished batch is attacked");
        assertEquals(straight.size(), resumed.size());
        for (int k = 0; k < straight.size(); k++) {
            assertSameResult(straight.get(k), resumed.get(k));
        }
        again.delete();
        assertFalse(Files.exists(out.resolve(AttackJournal.FOLDER)));
    }

    @Test
    void aJournalOfOtherSettingsIsRefusedNamingTheDifference() throws IOException {
        Inputs in = inputs();
        Path out = tmp.resolve("out");
        AttackJournal.open(out, request(3), in, AttackJournal.settings(request(3)), "attack", QUIET);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AttackJournal.open(out,
                request(4), in, AttackJournal.settings(request(4)), "attack", QUIET));
        assertTrue(e.getMessage().contains("(seed: 3 there, 4 now)"), e.getMessage());
        IllegalArgumentException batch = assertThrows(IllegalArgumentException.class, () -> AttackJournal.open(out,
                request(3).withBatch(3), in, AttackJournal.settings(request(3)), "attack", QUIET));
        assertTrue(batch.getMessage().contains("(batch: 2 there, 3 now)"), batch.getMessage());
    }

    private static void assertSameResult(AttackResult a, AttackResult b) {
        assertEquals(a.method(), b.method());
        assertEquals(a.eps(), b.eps());
        assertArrayEquals(a.adversarial().toFloatArray(), b.adversarial().toFloatArray());
        assertArrayEquals(a.masks().toFloatArray(), b.masks().toFloatArray());
        assertArrayEquals(a.aimedAt(), b.aimedAt());
        assertArrayEquals(a.predicted(), b.predicted());
        assertArrayEquals(a.success(), b.success());
        assertArrayEquals(a.cleanCorrect(), b.cleanCorrect());
        assertArrayEquals(a.iterations(), b.iterations());
        assertArrayEquals(a.labels(), b.labels());
        assertArrayEquals(a.distances().l0Pixels(), b.distances().l0Pixels());
        assertArrayEquals(a.distances().l0Elements(), b.distances().l0Elements());
        assertArrayEquals(a.distances().l1(), b.distances().l1());
        assertArrayEquals(a.distances().l2(), b.distances().l2());
        assertArrayEquals(a.distances().linf(), b.distances().linf());
    }
}
