package sabre.apps.cli;

import picocli.CommandLine.Option;
import sabre.tensor.Device;

/** Options shared by every command that computes: the device and the CPU thread count. */
public final class DeviceOptions {
    @Option(names = "--device", defaultValue = "cpu", description = "Device: cpu, reference, opencl:0, cuda:0 "
            + "(default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--threads", description = "CPU worker threads (default: all cores).")
    Integer threads;

    /** Applies the thread count and returns the device. */
    public Device select() {
        if (threads != null) {
            if (threads < 1) {
                throw new IllegalArgumentException("--threads must be at least 1, found " + threads);
            }
            System.setProperty("sabre.threads", Integer.toString(threads));
        }
        return Device.parse(device);
    }
}
