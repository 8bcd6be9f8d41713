package sabre.tests.ops;

import org.junit.jupiter.api.function.Executable;
import sabre.autograd.Var;
import sabre.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Collects op samples and error cases; each family file fills one. */
public final class CaseBook {
    final List<OpCase> cases = new ArrayList<>();
    final List<OpError> errors = new ArrayList<>();

    /** A sample whose gradient is checked in FLOAT64. */
    void grad(String op, String label, Function<Spec, Tensor[]> inputs, Function<Var[], Var> fn) {
        cases.add(new OpCase(op, label, inputs, fn, true));
    }

    /** A forward-only sample. */
    void forward(String op, String label, Function<Spec, Tensor[]> inputs, Function<Var[], Var> fn) {
        cases.add(new OpCase(op, label, inputs, fn, false));
    }

    /** A call that must fail with a message starting with {@code op}. */
    void error(String op, String label, Executable call) {
        errors.add(new OpError(op, label, op, call));
    }

    /** A call that must fail with a message starting with {@code prefix} (ops validated by a shared check). */
    void error(String op, String label, String prefix, Executable call) {
        errors.add(new OpError(op, label, prefix, call));
    }

    /** Inputs helper: an array literal. */
    static Tensor[] of(Tensor... t) {
        return t;
    }
}
