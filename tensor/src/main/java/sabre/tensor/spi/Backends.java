package sabre.tensor.spi;

import sabre.tensor.Device;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the backend for a device through {@link ServiceLoader} and caches one instance per device.
 *
 * <pre>{@code Backend cpu = Backends.get(Device.CPU);}</pre>
 */
public final class Backends {
    private static final List<BackendProvider> PROVIDERS = load();
    private static final Map<Device, Backend> CACHE = new ConcurrentHashMap<>();

    private Backends() {
    }

    /** The backend serving {@code device}; throws naming the device and the known providers when none does. */
    public static Backend get(Device device) {
        return CACHE.computeIfAbsent(device, Backends::create);
    }

    /** All providers found on the class path, highest priority first. */
    public static List<BackendProvider> providers() {
        return PROVIDERS;
    }

    private static Backend create(Device device) {
        List<String> refused = new ArrayList<>();
        for (BackendProvider p : PROVIDERS) {
            if (!p.serves(device.type())) {
                continue;
            }
            if (p.available()) {
                return p.create(device);
            }
            refused.add(p.getClass().getSimpleName() + " (" + p.unavailableReason() + ")");
        }
        throw new IllegalArgumentException("device " + device + ": no backend available"
                + (refused.isEmpty() ? "; providers on the class path: " + names() : "; unavailable: " + refused));
    }

    private static List<String> names() {
        return PROVIDERS.stream().map(p -> p.getClass().getSimpleName()).toList();
    }

    private static List<BackendProvider> load() {
        List<BackendProvider> list = new ArrayList<>();
        ServiceLoader.load(BackendProvider.class, Backends.class.getClassLoader()).forEach(list::add);
        list.sort(Comparator.comparingInt(BackendProvider::priority).reversed());
        return List.copyOf(list);
    }
}
