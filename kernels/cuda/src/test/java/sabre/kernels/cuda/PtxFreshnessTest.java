package sabre.kernels.cuda;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The committed PTX matches the kernel sources: every variant of {@link PtxVariants} has its file, no other PTX
 * lies in the folder, and each file's first line records the current source hash. Needs no CUDA tool; when it
 * fails, run {@code kernels/cuda/build-ptx.sh} and commit the result.
 */
class PtxFreshnessTest {
    private static final Path FOLDER = Path.of("src/main/resources" + PtxVariants.FOLDER);
    private static final String FIX = " — the kernel sources (kernels/device) or PtxVariants changed since the PTX "
            + "was built: run kernels/cuda/build-ptx.sh and commit the PTX";

    @Test
    void everyVariantHasExactlyOneCommittedFile() throws IOException {
        Set<String> expected = resources();
        Set<String> present;
        try (Stream<Path> files = Files.list(FOLDER)) {
            present = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".ptx"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(expected, present, "PTX files in " + FOLDER + FIX);
    }

    @Test
    void everyPtxRecordsTheCurrentSourceHash() throws IOException {
        String hash = PtxVariants.sourceHash();
        for (String r : resources()) {
            try (InputStream in = PtxFreshnessTest.class.getResourceAsStream(PtxVariants.FOLDER + r)) {
                assertNotNull(in, r + " missing from the class path" + FIX);
                String text = new String(in.readNBytes(200), StandardCharsets.US_ASCII);
                String first = text.lines().findFirst().orElse("");
                assertEquals(PtxVariants.HASH_MARKER + hash, first, r + " is stale" + FIX);
            }
        }
    }

    /** Resource names of all variants. */
    static Set<String> resources() {
        List<String> lines = PtxVariants.lines();
        return lines.stream().map(l -> l.substring(0, l.indexOf('\t'))).collect(Collectors.toCollection(TreeSet::new));
    }
}
