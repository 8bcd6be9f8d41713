package sabre.kernels.cuda;

import org.junit.jupiter.api.Test;
import sabre.tensor.Device;
import sabre.tensor.spi.Backends;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs everywhere: the provider either serves {@code cuda} or refuses it cleanly, naming why. */
class CudaProviderTest {
    private final CudaProvider provider = new CudaProvider();

    @Test
    void servesOnlyCuda() {
        assertTrue(provider.serves("cuda"));
        assertFalse(provider.serves("cpu"));
        assertFalse(provider.serves("opencl"));
    }

    @Test
    void availableOrRefusedWithTheReason() {
        if (provider.available()) {
            assertEquals("", provider.unavailableReason());
            assertEquals("cuda", Backends.get(Device.parse("cuda")).name());
        } else {
            String reason = provider.unavailableReason();
            assertFalse(reason.isBlank(), "an unavailable provider must say why");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Backends.get(Device.parse("cuda")));
            assertTrue(e.getMessage().contains(reason), e.getMessage());
            System.out.println("cuda unavailable here: " + reason);
        }
    }
}
