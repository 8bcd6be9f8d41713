package sabre.attacks.registry;

import org.junit.jupiter.api.Test;
import sabre.attacks.Attack;
import sabre.attacks.AttackResult;
import sabre.attacks.Classifier;
import sabre.attacks.FooledFixture;
import sabre.attacks.Goal;
import sabre.attacks.IFgsm;
import sabre.attacks.MiFgsm;
import sabre.attacks.Pgd;
import sabre.attacks.sparse.AutoAdversary;
import sabre.tensor.Tensor;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AttacksRegistryTest {
    private static final AttackContext CTX = new AttackContext(8 / 255.0, Goal.untargeted(), 3);

    @Test
    void everyEntryBuildsAnAttackOfItsOwnNameWithDefaults() {
        Set<String> names = new HashSet<>();
        for (AttackEntry e : Attacks.entries()) {
            assertTrue(names.add(e.name()), "duplicate name " + e.name());
            Attack a = e.create(CTX, Map.of());
            assertEquals(e.name(), a.name().startsWith("autoadversary") ? "autoadversary" : a.name());
            for (AttackOption o : e.options()) {
                assertTrue(!o.help().isBlank(), e.name() + " --" + o.name() + " has no help");
            }
        }
        assertTrue(Attacks.help().contains("--prune-steps"));
    }

    @Test
    void optionsReachTheAttackAndTheBuiltAttackEqualsTheFluentOne() {
        Classifier f = FooledFixture.classifier();
        Tensor x = FooledFixture.images(4);
        Tensor y = FooledFixture.labels(4);
        Attack viaRegistry = Attacks.create("pgd", CTX, Map.of("steps", "3", "alpha", "1/255", "random-start",
                "false"));
        AttackResult a = viaRegistry.run(f, x, y);
        AttackResult b = new Pgd().eps(8 / 255.0).steps(3).stepSize(1 / 255.0).randomStart(false).seed(3)
                .run(f, x, y);
        assertArrayEquals(b.adversarial().toFloatArray(), a.adversarial().toFloatArray());
        // and differs from the defaults, so the options were not ignored
        AttackResult d = Attacks.create("pgd", CTX, Map.of()).run(f, x, y);
        assertTrue(!java.util.Arrays.equals(d.adversarial().toFloatArray(), a.adversarial().toFloatArray()));
        assertInstanceOf(MiFgsm.class, Attacks.create("MIFGSM", CTX, Map.of("decay", "0.5")));
    }

    @Test
    void optionsAnotherMethodUsesAreRefusedNamingTheMethodsOptions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Attacks.create("pgd", CTX, Map.of("prune-steps", "5")));
        assertTrue(e.getMessage().contains("--prune-steps is not an option of pgd"), e.getMessage());
        assertTrue(e.getMessage().contains("--random-start"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Attacks.create("fgsm", CTX, Map.of("steps", "5")));
        IllegalArgumentException base = assertThrows(IllegalArgumentException.class,
                () -> Attacks.create("autoadversary", CTX, Map.of("base", "ifgsm", "decay", "0.5")));
        assertTrue(base.getMessage().contains("base ifgsm"), base.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Attacks.create("ifgsm", CTX, Map.of("kappa", "2")));
    }

    @Test
    void badValuesAreRefusedWithTheOptionAndWhatWasExpected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Attacks.create("pgd", CTX, Map.of("steps", "ten")));
        assertEquals("--steps: expected a whole number, found 'ten'", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Attacks.create("pgd", CTX, Map.of("alpha", "1/0")));
        assertThrows(IllegalArgumentException.class, () -> Attacks.create("pgd", CTX, Map.of("norm", "l1")));
        assertThrows(IllegalArgumentException.class, () -> Attacks.create("pgd", CTX, Map.of("steps", "0")));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Attacks.entry("deepfool"));
        assertTrue(unknown.getMessage().contains("known: fgsm"), unknown.getMessage());
    }

    @Test
    void autoAdversaryTakesItsBaseFromTheRegistry() {
        AutoAdversary a = (AutoAdversary) Attacks.create("autoadversary", CTX, Map.of("base", "ifgsm", "steps", "4",
                "prune-steps", "7", "mask", "pixel"));
        assertInstanceOf(IFgsm.class, a.base());
        assertEquals(4, a.base().steps());
        assertEquals(7, a.steps());
        assertEquals(AutoAdversary.MaskUnit.PIXEL, a.maskUnit());
        assertEquals(8 / 255.0, a.base().eps());
    }
}
