package sabre.kernels.cpu;

import sabre.tensor.Device;
import sabre.tensor.spi.Backend;
import sabre.tensor.spi.BackendProvider;

/**
 * Registers the fast CPU backend for {@code cpu} devices at priority 10, above the reference backend's 0. It needs
 * the incubating Vector API: when the JVM was started without {@code --add-modules jdk.incubator.vector} it reports
 * itself unavailable and {@code cpu} falls back to the reference backend.
 */
public final class CpuProvider implements BackendProvider {
    private static final boolean VECTOR_API = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    private static volatile boolean warned;

    @Override
    public boolean serves(String deviceType) {
        return deviceType.equals("cpu");
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public boolean available() {
        if (!VECTOR_API && !warned) {
            warned = true;
            System.getLogger("sabre.kernels.cpu").log(System.Logger.Level.WARNING,
                    "sabre-kernels-cpu is on the class path but " + unavailableReason()
                            + "; device cpu falls back to the reference backend");
        }
        return VECTOR_API;
    }

    @Override
    public String unavailableReason() {
        return VECTOR_API ? "" : "the JVM was started without --add-modules jdk.incubator.vector";
    }

    @Override
    public Backend create(Device device) {
        return new CpuBackend(device);
    }
}
