package sabre.tests.ops;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fails when an op of the primitive set lacks a sample, a gradient check or an error case. */
class OpCoverageTest {
    @Test
    void everyPrimitiveOpIsSampledCheckedAndRejectsBadInput() {
        Set<String> sampled = OpTable.cases().stream().map(OpCase::op).collect(Collectors.toSet());
        Set<String> gradChecked = OpTable.cases().stream().filter(OpCase::gradcheck).map(OpCase::op)
                .collect(Collectors.toSet());
        Set<String> rejecting = OpTable.errors().stream().map(OpError::op).collect(Collectors.toSet());
        List<String> missing = new ArrayList<>();
        for (PrimitiveOps.Entry op : PrimitiveOps.all().values()) {
            if (!sampled.contains(op.name())) {
                missing.add(op.name() + ": no sample");
            }
            if (op.kind() == PrimitiveOps.Kind.DIFFERENTIABLE && !gradChecked.contains(op.name())) {
                missing.add(op.name() + ": no gradient check");
            }
            if (op.kind() == PrimitiveOps.Kind.BACKWARD_KERNEL && !gradChecked.contains(op.coveredBy())) {
                missing.add(op.name() + ": its forward op " + op.coveredBy() + " has no gradient check");
            }
            if (!rejecting.contains(op.name())) {
                missing.add(op.name() + ": no error case");
            }
        }
        System.out.printf("Op-table coverage: %d primitive ops (%d differentiable, %d backward kernels), %d samples,"
                        + " %d gradient checks, %d error cases%n", PrimitiveOps.all().size(),
                count(PrimitiveOps.Kind.DIFFERENTIABLE), count(PrimitiveOps.Kind.BACKWARD_KERNEL),
                OpTable.cases().size(), OpTable.cases().stream().filter(OpCase::gradcheck).count(),
                OpTable.errors().size());
        assertTrue(missing.isEmpty(), "op-table coverage gaps:\n" + String.join("\n", missing));
    }

    @Test
    void everySampleNamesACatalogueOp() {
        List<String> unknown = new ArrayList<>();
        OpTable.cases().stream().map(OpCase::op).filter(op -> !PrimitiveOps.all().containsKey(op)).forEach(unknown::add);
        OpTable.errors().stream().map(OpError::op).filter(op -> !PrimitiveOps.all().containsKey(op)).forEach(unknown::add);
        assertTrue(unknown.isEmpty(), "cases for ops missing from the catalogue: " + unknown);
    }

    private static long count(PrimitiveOps.Kind kind) {
        return PrimitiveOps.all().values().stream().filter(e -> e.kind() == kind).count();
    }
}
