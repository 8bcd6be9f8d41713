package sabre.tests.ops;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every error case of the op table raises IllegalArgumentException whose message starts with the op's name. */
class OpErrorTest {
    static Stream<OpError> errors() {
        return OpTable.errors().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void rejectsBadInputNamingTheOp(OpError e) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e.call(), e.toString());
        assertTrue(ex.getMessage().startsWith(e.messagePrefix()),
                e + ": message should start with '" + e.messagePrefix() + "' but was: " + ex.getMessage());
    }
}
