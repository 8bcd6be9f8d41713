package sabre.kernels.device;

import sabre.tensor.BatchNormGrads;
import sabre.tensor.BatchNormResult;
import sabre.tensor.DType;
import sabre.tensor.Device;
import sabre.tensor.Tensor;
import sabre.tensor.ValuesIndices;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.Predicate;

/**
 * Runs an op family's calls on the host: device tensors are copied to the reference backend, the reference family
 * computes, and tensor results are copied back to the device. Used only where the device cannot compute: FLOAT64
 * on a device without {@code cl_khr_fp64} (see {@link #forFloat64}). The copies go through {@link DevMemory}, so a
 * fallback is visible in the transfer cost, never in the results.
 *
 * <pre>{@code ConvOps ops = HostFallback.forFloat64(ConvOps.class, deviceConv, new RefConv(reference), backend);}</pre>
 */
final class HostFallback {
    private HostFallback() {
    }

    /** A family that sends calls involving FLOAT64 to {@code host} and everything else to {@code device}. */
    static <F> F forFloat64(Class<F> family, F device, F host, DeviceBackend backend) {
        return route(family, device, host, backend, HostFallback::involvesFloat64);
    }

    private static <F> F route(Class<F> family, F device, F host, DeviceBackend backend, Predicate<Object[]> toHost) {
        Object proxy = Proxy.newProxyInstance(family.getClassLoader(), new Class<?>[] {family},
                (self, method, args) -> toHost.test(args) ? onHost(method, host, args, backend)
                        : invoke(method, device, args));
        return family.cast(proxy);
    }

    private static boolean involvesFloat64(Object[] args) {
        for (Object a : args) {
            if (a == DType.FLOAT64 || (a instanceof Tensor t && t.dtype() == DType.FLOAT64)) {
                return true;
            }
            if (a instanceof Tensor[] ts && ts.length > 0 && ts[0].dtype() == DType.FLOAT64) {
                return true;
            }
        }
        return false;
    }

    private static Object onHost(Method method, Object host, Object[] args, DeviceBackend backend) throws Throwable {
        Object[] hostArgs = args.clone();
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof Tensor t) {
                hostArgs[i] = t.to(Device.REFERENCE);
            } else if (args[i] instanceof Tensor[] ts) {
                Tensor[] copy = new Tensor[ts.length];
                for (int j = 0; j < ts.length; j++) {
                    copy[j] = ts[j].to(Device.REFERENCE);
                }
                hostArgs[i] = copy;
            }
        }
        return toDevice(invoke(method, host, hostArgs), backend.memory());
    }

    private static Object toDevice(Object r, DevMemory memory) {
        if (r instanceof Tensor t) {
            return memory.upload(t);
        } else if (r instanceof ValuesIndices vi) {
            return new ValuesIndices(memory.upload(vi.values()), memory.upload(vi.indices()));
        } else if (r instanceof BatchNormResult b) {
            return new BatchNormResult(memory.upload(b.output()), memory.upload(b.mean()), memory.upload(b.invStd()));
        } else if (r instanceof BatchNormGrads g) {
            return new BatchNormGrads(memory.upload(g.input()), memory.upload(g.weight()), memory.upload(g.bias()));
        }
        return r;
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause(); // the op's own IllegalArgumentException, unwrapped
        }
    }
}
