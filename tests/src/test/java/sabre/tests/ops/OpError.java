package sabre.tests.ops;

import org.junit.jupiter.api.function.Executable;

/** A call that must raise {@link IllegalArgumentException} with a message starting with the op's name. */
public record OpError(String op, String label, String messagePrefix, Executable call) {
    @Override
    public String toString() {
        return op + ": " + label;
    }
}
