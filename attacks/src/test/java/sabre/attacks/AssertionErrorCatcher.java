package sabre.attacks;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** Asserts that a check fails: used to show a test helper rejects a no-op attack. */
final class AssertionErrorCatcher {
    private AssertionErrorCatcher() {
    }

    static void assertFails(Runnable check) {
        assertThrows(AssertionError.class, check::run);
    }
}
