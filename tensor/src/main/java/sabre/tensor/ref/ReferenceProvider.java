package sabre.tensor.ref;

import sabre.tensor.Device;
import sabre.tensor.spi.Backend;
import sabre.tensor.spi.BackendProvider;

/** Registers the reference backend for {@code reference} devices and, at the lowest priority, {@code cpu}. */
public final class ReferenceProvider implements BackendProvider {
    @Override
    public boolean serves(String deviceType) {
        return deviceType.equals("reference") || deviceType.equals("cpu");
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public Backend create(Device device) {
        return new ReferenceBackend(device);
    }
}
