package sabre.kernels.device;

import sabre.tensor.Device;
import sabre.tensor.spi.Backend;
import sabre.tensor.spi.BackendProvider;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A provider for one GPU device type (its own type: it never replaces {@code cpu}). Whether the API and a device
 * are present is probed once per provider class; when not, the provider reports itself unavailable with the
 * reason — a missing native library or driver included — and asking for the device type then fails with an
 * {@link IllegalArgumentException} naming it, so suites such as {@code TestDevices} skip it.
 *
 * <pre>{@code public final class CudaProvider extends DeviceProvider { ... }   // listed in META-INF/services}</pre>
 */
public abstract class DeviceProvider implements BackendProvider {
    /** Per provider class: "" when a device was found, else why not. */
    private static final Map<Class<?>, String> ABSENCE = new ConcurrentHashMap<>();

    /** The device type served ({@code opencl}, {@code cuda}). */
    protected abstract String type();

    /**
     * Loads the API and looks for a device: null when one exists, else a one-line reason. May throw
     * {@link LinkageError} or a runtime exception, which count as absence with the error as the reason.
     */
    protected abstract String findDevice();

    /** Added to the reason when the API fails to load, e.g. which driver library is needed; empty by default. */
    protected String loadHint() {
        return "";
    }

    /**
     * Opens device {@code index}.
     *
     * @throws IllegalStateException when it cannot be opened (index out of range, driver error)
     */
    protected abstract DeviceRuntime open(int index);

    @Override
    public final boolean serves(String deviceType) {
        return deviceType.equals(type());
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public final boolean available() {
        return reason().isEmpty();
    }

    @Override
    public final String unavailableReason() {
        return reason();
    }

    private String reason() {
        return ABSENCE.computeIfAbsent(getClass(), c -> {
            try {
                String r = findDevice();
                return r == null ? "" : r;
            } catch (LinkageError | RuntimeException e) {
                String detail = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
                return type() + " unusable" + loadHint() + ": " + e.getClass().getSimpleName() + ": " + detail;
            }
        });
    }

    @Override
    public final Backend create(Device device) {
        try {
            return new DeviceBackend(device, open(device.index()));
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("device " + device + ": " + e.getMessage(), e);
        }
    }
}
