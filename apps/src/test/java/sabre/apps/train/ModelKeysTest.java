package sabre.apps.train;

import org.junit.jupiter.api.Test;
import sabre.nn.models.ModelConfig;
import sabre.nn.models.Models;
import sabre.tensor.Generator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code model-keys.txt}, which {@link WeightsFit#bestMatch} ranks architectures by, lists every model's keys. */
class ModelKeysTest {
    @Test
    void theListedKeysAreTheModelsOwn() throws IOException {
        Map<String, Set<String>> listed = WeightsFit.modelKeys();
        List<String> lines = new ArrayList<>();
        for (String name : Models.names()) {
            Set<String> keys = Models.create(name, new ModelConfig(3, 32, 10), new Generator(0)).stateDict().keySet();
            keys.forEach(k -> lines.add(name + " " + k));
            if (!Boolean.getBoolean("sabre.writeModelKeys")) {
                assertEquals(List.copyOf(keys), List.copyOf(listed.getOrDefault(name, Set.of())), name
                        + ": model-keys.txt is stale; rerun this test with -Dsabre.writeModelKeys=true");
            }
        }
        if (Boolean.getBoolean("sabre.writeModelKeys")) {
            Path file = Path.of("src/main/resources/sabre/apps/train/model-keys.txt");
            List<String> header = Files.readAllLines(file).stream().filter(l -> l.startsWith("#")).toList();
            List<String> all = new ArrayList<>(header);
            all.addAll(lines);
            Files.write(file, all);
        }
        assertEquals(List.copyOf(Models.names()), List.copyOf(listed.keySet()), "one entry per fixed name");
    }
}
