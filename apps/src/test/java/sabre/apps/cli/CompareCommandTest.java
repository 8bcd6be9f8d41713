package sabre.apps.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code sabre compare}, {@code sabre attacks} and {@code attack --method NAME --help} end to end. */
class CompareCommandTest extends TinyRunTest {
    static Object[] compare(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("compare", "--run", run.toString(), "--data",
                "fashion-mnist-subset", "--n", "6", "--methods", "ifgsm,autoadversary", "--eps", "8/255,4/255",
                "--set", "ifgsm.steps=2", "--set", "autoadversary.steps=2", "--set", "autoadversary.prune-steps=3",
                "--out", out.toString()));
        args.addAll(List.of(extra));
        return CliRunner.run(args.toArray(String[]::new));
    }

    @Test
    void comparePrintsATablePerRadiusAndReusesFinishedMethods() throws Exception {
        Path out = tmp.resolve("cmp");
        Object[] first = compare(out);
        assertEquals(0, first[0], (String) first[1]);
        String text = (String) first[1];
        assertTrue(text.contains("Table 3-3 layout, eps = 8/255") && text.contains("eps = 4/255"), text);
        assertTrue(text.contains("s/image"), text);
        JsonNode rows = new ObjectMapper().readTree(out.resolve("compare.json").toFile());
        assertEquals(4, rows.size(), rows.toString());
        assertEquals("ifgsm", rows.get(0).get("method").asText());
        assertEquals("2", rows.get(0).get("options").get("steps").asText());
        assertEquals("3", rows.get(2).get("options").get("prune-steps").asText());
        assertEquals(5, Files.readAllLines(out.resolve("compare.csv")).size());
        assertTrue(Files.exists(out.resolve("autoadversary").resolve("eps-4_255").resolve("adversarial.npy")));
        Path written = out.resolve("ifgsm").resolve("eps-8_255").resolve("adversarial.npy");
        FileTime firstWrite = Files.getLastModifiedTime(written);

        Object[] again = compare(out);
        assertEquals(0, again[0], (String) again[1]);
        // read back, not run again: the files stay and the measured times are the first run's to the last digit
        assertEquals(firstWrite, Files.getLastModifiedTime(written));
        assertEquals(rows, new ObjectMapper().readTree(out.resolve("compare.json").toFile()), "same rows read back");

        Files.setLastModifiedTime(written, FileTime.fromMillis(0));
        Object[] changed = compare(out, "--seed", "5");
        assertEquals(0, changed[0], (String) changed[1]);
        assertTrue(Files.getLastModifiedTime(written).toMillis() > 0, "another seed is another setting: run again");
    }

    @Test
    void table34RunsAutoAdversaryAtTheUnboundedBaselinesMeanLinf() throws Exception {
        Path out = tmp.resolve("t34");
        Object[] r = CliRunner.run("compare", "--run", run.toString(), "--data", "fashion-mnist-subset", "--n", "4",
                "--methods", "sparsefool,pgd", "--table", "3-4", "--set", "sparsefool.max-iterations=3", "--set",
                "autoadversary.steps=2", "--set", "autoadversary.prune-steps=3", "--out", out.toString());
        assertEquals(0, r[0], (String) r[1]);
        assertTrue(((String) r[1]).contains("Table 3-4"), (String) r[1]);
        JsonNode rows = new ObjectMapper().readTree(out.resolve("compare.json").toFile());
        assertEquals(2, rows.size(), "the bounded pgd is not part of Table 3-4: " + rows);
        assertEquals("sparsefool", rows.get(0).get("method").asText());
        assertEquals("none", rows.get(0).get("eps_text").asText());
        assertEquals("autoadversary", rows.get(1).get("method").asText());
        double linf = rows.get(0).get("linf").asDouble();
        assertTrue(linf > 0, rows.toString());
        assertEquals(linf, rows.get(1).get("eps").asDouble(), 1e-12, "AutoAdversary at the baseline's mean L-inf");
        assertTrue(rows.get(1).get("linf").asDouble() <= linf + 1e-6, rows.toString());
    }

    @Test
    void compareRefusesBadRequestsBeforeAnyWork() {
        Object[] unknown = CliRunner.run("compare", "--run", run.toString(), "--methods", "pgd,deepfool", "--out",
                tmp.resolve("bad1").toString());
        assertEquals(1, unknown[0]);
        assertTrue(((String) unknown[1]).contains("unknown attack 'deepfool'"), (String) unknown[1]);
        Object[] foreign = CliRunner.run("compare", "--run", run.toString(), "--methods", "pgd", "--set",
                "pgd.prune-steps=3", "--out", tmp.resolve("bad2").toString());
        assertEquals(1, foreign[0]);
        assertTrue(((String) foreign[1]).contains("--prune-steps is not an option of pgd"), (String) foreign[1]);
        Object[] notListed = CliRunner.run("compare", "--run", run.toString(), "--methods", "pgd", "--set",
                "ifgsm.steps=3", "--out", tmp.resolve("bad3").toString());
        assertEquals(1, notListed[0]);
        assertTrue(((String) notListed[1]).contains("ifgsm is not among --methods"), (String) notListed[1]);
        Object[] t34 = CliRunner.run("compare", "--run", run.toString(), "--data", "fashion-mnist-subset", "--n", "2",
                "--methods", "pgd", "--table", "3-4", "--out", tmp.resolve("bad4").toString());
        assertEquals(1, t34[0]);
        assertTrue(((String) t34[1]).contains("compares unbounded methods"), (String) t34[1]);
    }

    @Test
    void everyMethodListsItsOwnOptions() {
        Object[] all = CliRunner.run("attacks");
        assertEquals(0, all[0]);
        assertTrue(((String) all[1]).contains("--[no-]random-start") && ((String) all[1]).contains("--prune-steps"),
                (String) all[1]);
        Object[] one = CliRunner.run("attack", "--method", "mifgsm", "--help");
        assertEquals(0, one[0]);
        String help = (String) one[1];
        assertTrue(help.contains("--decay X") && help.contains("--out"), help);
        assertFalse(help.contains("--prune-steps"), "only MI-FGSM's own options:\n" + help);
    }
}
