package sabre.tests.ops;

import org.junit.jupiter.api.Test;

import sabre.tensor.BinaryOp;
import sabre.tensor.CompareOp;
import sabre.tensor.ReduceOp;
import sabre.tensor.UnaryOp;
import sabre.tensor.spi.Backend;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fails when an op of the primitive set lacks a sample, a gradient check or an error case, or when a backend SPI
 * method has no entry in the catalogue.
 */
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

    /** SPI methods whose op name differs from the method's snake_case name. */
    private static final Map<String, List<String>> ALIASES = Map.of(
            "arg_extremum", List.of("argmax", "argmin"),
            "variance", List.of("var"));
    /** SPI methods that move data between host arrays and a backend: checked through {@code to_device}. */
    private static final Set<String> HOST_TRANSFERS = Set.of("from_doubles", "from_floats", "from_ints", "to_doubles",
            "to_floats", "to_ints");

    /**
     * Derives the op set from the backend SPI itself: every method of every op-family interface that
     * {@link Backend} returns, an enum parameter ({@link UnaryOp}, {@link BinaryOp}, ...) expanded into its
     * constants' op names. A method added to the SPI fails here until the catalogue (and so the op table) has it.
     */
    @Test
    void everyBackendSpiMethodIsInTheCatalogue() {
        List<String> missing = new ArrayList<>();
        int methods = 0;
        for (Method family : Backend.class.getMethods()) {
            Class<?> ops = family.getReturnType();
            if (!ops.isInterface() || !ops.getPackageName().equals(Backend.class.getPackageName())) {
                continue;
            }
            for (Method m : ops.getMethods()) {
                methods++;
                for (String op : opNames(m)) {
                    if (!PrimitiveOps.all().containsKey(op) && !HOST_TRANSFERS.contains(op)) {
                        missing.add(ops.getSimpleName() + "." + m.getName() + " -> " + op);
                    }
                }
            }
        }
        assertTrue(methods > 40, "found only " + methods + " SPI methods");
        assertTrue(missing.isEmpty(), "backend SPI methods without a catalogue entry (add them to PrimitiveOps and "
                + "the op table):\n" + String.join("\n", missing));
    }

    /** The op names an SPI method implements. */
    static List<String> opNames(Method m) {
        for (Class<?> p : m.getParameterTypes()) {
            if (p == UnaryOp.class || p == BinaryOp.class || p == CompareOp.class || p == ReduceOp.class) {
                List<String> names = new ArrayList<>();
                for (Object constant : p.getEnumConstants()) {
                    try {
                        names.add((String) p.getMethod("opName").invoke(constant));
                    } catch (ReflectiveOperationException e) {
                        throw new AssertionError(p + " lacks opName()", e);
                    }
                }
                return names;
            }
        }
        String snake = m.getName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        return ALIASES.getOrDefault(snake, List.of(snake));
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
