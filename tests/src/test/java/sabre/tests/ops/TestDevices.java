package sabre.tests.ops;

import sabre.tensor.Device;
import sabre.tensor.spi.Backends;

import java.util.ArrayList;
import java.util.List;

/** The devices whose backend is not the reference one, found by asking for each known device type. */
public final class TestDevices {
    private static final List<Device> OTHERS = find();

    private TestDevices() {
    }

    /** Devices backed by something other than the reference backend (empty when only the reference is installed). */
    public static List<Device> nonReference() {
        return OTHERS;
    }

    private static List<Device> find() {
        List<Device> out = new ArrayList<>();
        for (String type : new String[] {"cpu", "opencl", "cuda"}) {
            Device d = new Device(type, 0);
            try {
                if (!Backends.get(d).name().equals("reference")) {
                    out.add(d);
                }
            } catch (IllegalArgumentException absent) {
                // no provider for this device type on the class path: nothing to compare
            }
        }
        return List.copyOf(out);
    }
}
