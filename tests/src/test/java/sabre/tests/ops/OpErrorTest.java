package sabre.tests.ops;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import sabre.tensor.Device;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every error case of the op table raises IllegalArgumentException whose message starts with the op's name: on the
 * default device, and again with every non-reference device as the default (so data-dependent errors raised by
 * device kernels — an index out of range — are checked too).
 */
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void rejectsBadInputOnEveryBackend(OpError e) {
        Assumptions.assumeFalse(TestDevices.nonReference().isEmpty(), "only the reference backend is installed");
        String saved = System.getProperty("sabre.device");
        try {
            for (Device device : TestDevices.nonReference()) {
                System.setProperty("sabre.device", device.toString()); // the cases build their inputs on the default
                IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e.call(), e + " on " + device);
                assertTrue(ex.getMessage().startsWith(e.messagePrefix()), e + " on " + device
                        + ": message should start with '" + e.messagePrefix() + "' but was: " + ex.getMessage());
            }
        } finally {
            if (saved == null) {
                System.clearProperty("sabre.device");
            } else {
                System.setProperty("sabre.device", saved);
            }
        }
    }
}
