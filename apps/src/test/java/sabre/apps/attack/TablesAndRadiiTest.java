package sabre.apps.attack;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Radii as written on the command line, and the text tables the commands print. */
class TablesAndRadiiTest {
    @Test
    void radiiAcceptFractionsDecimalsAndLists() {
        List<Eps> r = Eps.parseList("8/255, 0.5,1e-2");
        assertEquals(List.of("8/255", "0.5", "1e-2"), r.stream().map(Eps::text).toList());
        assertEquals(8 / 255.0, r.get(0).value(), 0);
        assertEquals(0.01, r.get(2).value(), 0);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Eps.parse("8/0")).getMessage()
                .contains("positive and finite"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Eps.parse("-1")).getMessage()
                .contains("'-1'"));
        assertThrows(IllegalArgumentException.class, () -> Eps.parseList("8/255,,4/255"));
    }

    @Test
    void tableAlignsNamesLeftAndValuesRightUnderTheirGroups() {
        String t = new TextTable("attack", "ASR", "L0").group("", "eps = 8/255", "").row("PGD", "100.0%", "7.5")
                .row("MI-FGSM", "9.0%", "123.4").render();
        List<String> lines = t.lines().toList();
        assertEquals(List.of(
                "         eps = 8/255",
                "attack      ASR     L0",
                "----------------------",
                "PGD      100.0%    7.5",
                "MI-FGSM    9.0%  123.4"), lines);
        assertThrows(IllegalArgumentException.class, () -> new TextTable("a", "b").row("only one"));
    }
}
