package sabre.tensor.spi;

import sabre.tensor.Device;

/**
 * Service-provider entry for a backend, listed in {@code META-INF/services/sabre.tensor.spi.BackendProvider}.
 * When several providers serve a device type, the available one with the highest priority wins.
 *
 * <pre>{@code public final class MyProvider implements BackendProvider { ... }}</pre>
 */
public interface BackendProvider {
    /** True when this provider can create a backend for devices of this type ({@code "cpu"}, {@code "cuda"}...). */
    boolean serves(String deviceType);

    /** Higher wins among providers serving the same type. The reference backend has priority 0. */
    int priority();

    /** False when the hardware or native library is missing; {@link #unavailableReason()} then says why. */
    default boolean available() {
        return true;
    }

    /** Why {@link #available()} is false. */
    default String unavailableReason() {
        return "";
    }

    /** Creates the backend for one device (called once per device, then cached). */
    Backend create(Device device);
}
