package sabre.nn.io;

import org.junit.jupiter.api.function.ThrowingSupplier;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Asserts that reading a broken file fails the documented way: a {@link FormatException} naming the file and the
 * problem, within a second, having allocated little (so no size in a header was trusted before being checked).
 *
 * <pre>{@code Rejects.read(file, () -> SafeTensors.read(file), "header length", "1099511627776");}</pre>
 */
final class Rejects {
    /** Generous for a few small arrays and the exception; far below any allocation sized by a lying header. */
    private static final long MAX_ALLOCATED_BYTES = 32L << 20;

    private Rejects() {
    }

    /** Runs {@code read}, expecting a FormatException whose message contains the file and every fragment. */
    static FormatException read(Path file, ThrowingSupplier<?> read, String... fragments) {
        FormatException e = assertTimeoutPreemptively(Duration.ofSeconds(1), () -> {
            long before = allocatedBytes();
            FormatException thrown = assertThrows(FormatException.class, read::get);
            long allocated = allocatedBytes() - before;
            assertTrue(allocated < MAX_ALLOCATED_BYTES, "allocated " + allocated + " bytes to reject " + file);
            return thrown;
        });
        assertEquals(file, e.file());
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message lacks '" + f + "': " + e.getMessage());
        }
        return e;
    }

    private static long allocatedBytes() {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        return bean instanceof com.sun.management.ThreadMXBean hotspot ? hotspot.getCurrentThreadAllocatedBytes() : 0;
    }
}
