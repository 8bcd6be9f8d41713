package sabre.bench;

import sabre.tensor.Device;
import sabre.tensor.spi.Backends;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs benchmark workloads and prints one JSON line per workload on standard output (progress goes to standard
 * error). Run it as compare.sh does:
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp 'bench/target/sabre-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*' \
 *     sabre.bench.Bench --workload resnet20-train --warmup-s 3 --runs 5
 * </pre>
 *
 * Options: {@code --workload NAME[,NAME...]} (repeatable; {@code all} for every one), {@code --warmup-s S} (default
 * 3, at least 3 is the rule for Vector API code), {@code --runs N} (default 5), {@code --min-run-s S} (default 1: a
 * timed run repeats the operation until it lasts about this long), {@code --list}. The JSON fields: engine,
 * workload, unit ("ms", per call), min, median, max, runs, ops_per_run, warmup_s, warmup_ops, throughput and
 * throughput_unit (at the median: GFLOP/s for SGEMM/conv, img/s for the networks), images, flops, peak_rss_mib (the
 * process's VmHWM when the line is printed), other_cpu_pct (share of all CPUs' time that other processes used
 * during the timed runs: above a few percent the figures are disturbed), alloc_mib_per_op (heap bytes allocated by
 * all JVM threads over the timed runs, in MiB, divided by the timed calls), alloc_mib_per_s (the same over the timed
 * runs' wall time), gc_count and gc_ms (collections and their time over the timed runs, all collectors; see
 * {@link AllocationMeter}), threads, backend. Standard error names the threads whose allocation was counted.
 */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] args) throws IOException {
        List<String> names = new ArrayList<>();
        double warmup = 3;
        int runs = 5;
        double minRun = 1;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--workload", "-w" -> {
                    for (String n : value(args, ++i, a).split(",")) {
                        if (n.equals("all")) {
                            names.addAll(Workloads.catalogue().keySet());
                        } else if (!n.isBlank()) {
                            names.add(n.trim());
                        }
                    }
                }
                case "--warmup-s" -> warmup = Double.parseDouble(value(args, ++i, a));
                case "--runs" -> runs = Integer.parseInt(value(args, ++i, a));
                case "--min-run-s" -> minRun = Double.parseDouble(value(args, ++i, a));
                case "--list" -> {
                    for (Map.Entry<String, String> e : Workloads.catalogue().entrySet()) {
                        System.out.printf("%-22s %s%n", e.getKey(), e.getValue());
                    }
                    return;
                }
                case "--help", "-h" -> {
                    System.out.println("usage: Bench --workload NAME[,NAME..]|all [--warmup-s 3] [--runs 5] "
                            + "[--min-run-s 1] | --list");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown option '" + a + "' (try --help)");
            }
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("no --workload given (try --list)");
        }
        if (warmup < 3) {
            System.err.println("warning: --warmup-s " + warmup + " is below the 3 s the Vector API needs");
        }
        String backend = Backends.get(Device.CPU).name();
        int threads = Integer.getInteger("sabre.threads", Runtime.getRuntime().availableProcessors());
        for (String name : names) {
            Workloads.Workload w = Workloads.create(name);
            System.err.printf("sabre %s: warm-up %.1f s, %d runs ...%n", name, warmup, runs);
            Harness.Result r = Harness.measure(w.op(), warmup, runs, minRun);
            System.err.printf("sabre %s: allocation counted over %d threads: %s%n", name, r.allocation().threads(),
                    String.join(", ", AllocationMeter.threadNames()));
            if (r.allocation().ended() > 0) {
                System.err.printf("warning: %d threads ended during the timed runs: their allocation is missing "
                        + "from alloc_mib_per_op%n", r.allocation().ended());
            }
            System.out.println(json(w, r, backend, threads));
            System.out.flush();
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    static String json(Workloads.Workload w, Harness.Result r, String backend, int threads) throws IOException {
        Stats s = r.stats();
        double throughput;
        String unit;
        if (w.flopsPerOp() > 0) {
            throughput = w.flopsPerOp() / s.median() / 1e9;
            unit = "GFLOP/s";
        } else {
            throughput = w.imagesPerOp() / s.median();
            unit = "img/s";
        }
        StringBuilder samples = new StringBuilder();
        for (double v : r.secondsPerOp()) {
            samples.append(samples.length() == 0 ? "" : ", ").append(fmt(v * 1e3));
        }
        return String.format(Locale.ROOT, "{\"engine\": \"sabre\", \"workload\": \"%s\", \"unit\": \"ms\", "
                        + "\"min\": %s, \"median\": %s, \"max\": %s, \"samples\": [%s], \"runs\": %d, "
                        + "\"ops_per_run\": %d, \"warmup_s\": %s, \"warmup_ops\": %d, \"throughput\": %s, "
                        + "\"throughput_unit\": \"%s\", \"images\": %d, \"flops\": %s, \"peak_rss_mib\": %s, "
                        + "\"other_cpu_pct\": %s, \"alloc_mib_per_op\": %s, \"alloc_mib_per_s\": %s, \"gc_count\": %d, "
                        + "\"gc_ms\": %d, \"threads\": %d, \"backend\": \"%s\"}",
                w.name(), fmt(s.min() * 1e3), fmt(s.median() * 1e3), fmt(s.max() * 1e3), samples, s.count(),
                r.opsPerRun(), fmt(r.warmupSeconds()), r.warmupOps(), fmt(throughput), unit, w.imagesPerOp(),
                fmt(w.flopsPerOp()), fmt(peakRssMib()), fmt(r.otherCpuPercent()), fmt(r.allocMibPerOp()),
                fmt(r.allocation().mibPerSecond()), r.allocation().gcCount(), r.allocation().gcMillis(), threads,
                backend);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    /** The process's peak resident set (VmHWM) in MiB, or -1 where /proc is missing. */
    static double peakRssMib() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return -1;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmHWM:")) {
                String[] parts = line.substring(6).trim().split("\\s+");
                return Long.parseLong(parts[0]) / 1024.0; // kB
            }
        }
        return -1;
    }
}
