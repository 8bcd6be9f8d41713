package sabre.apps.serve;

import sabre.data.Datasets;
import sabre.data.ImageDataset;
import sabre.tensor.Device;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The app's two benchmarks ({@code bench/serve.sh}):
 * <ul>
 *   <li>{@code latency RUN [N]}: per-image recognition time as the recognition page measures it (check, decode,
 *       convert, forward, Grad-CAM backward, overlay PNG) for N test images as PNG files, after a 3 s warm-up;</li>
 *   <li>{@code load RUN [CLIENTS] [SECONDS]}: the app on 127.0.0.1 (a free port, a throw-away database), CLIENTS
 *       concurrent sessions each posting test images for SECONDS (each stops at the deadline and after at most
 *       10,000 requests); every response must be a 200 result page, else it counts as an error.</li>
 * </ul>
 * Both print min / median / p95 / max in milliseconds.
 *
 * <pre>{@code java -cp ... sabre.apps.serve.ServeBench latency runs/demo/model 200}</pre>
 */
public final class ServeBench {
    private static final int MAX_REQUESTS_PER_CLIENT = 10_000;

    private ServeBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || !List.of("latency", "load").contains(args[0])) {
            System.err.println("usage: ServeBench latency RUN [N] | load RUN [CLIENTS] [SECONDS]");
            System.exit(2);
        }
        ServedModel served = ServedModel.open(Path.of(args[1]), Device.CPU, System.err);
        ServeApp.Settings settings = ServeApp.Settings.loopback(0);
        Recognizer recognizer = new Recognizer(served, new UploadCheck(settings.maxUploadBytes(), settings.maxPixels()),
                Device.CPU);
        ImageDataset test = Datasets.open(served.dataSpec()).test();
        List<byte[]> pngs = new ArrayList<>();
        for (int i = 0; i < Math.min(test.size(), 200); i++) {
            pngs.add(Pictures.png(test.pixels(i), test.channels(), test.height(), test.width()));
        }
        System.out.printf("model %s (%s, %d×%d×%d), %d CPU threads%n", served.id(), served.architecture(),
                served.channels(), served.size(), served.size(), Runtime.getRuntime().availableProcessors());
        if (args[0].equals("latency")) {
            latency(recognizer, pngs, args.length > 2 ? Integer.parseInt(args[2]) : 200, System.out);
        } else {
            load(recognizer, pngs, args.length > 2 ? Integer.parseInt(args[2]) : 50,
                    args.length > 3 ? Integer.parseInt(args[3]) : 30, settings, System.out);
        }
    }

    static void latency(Recognizer recognizer, List<byte[]> pngs, int n, PrintStream out) {
        long warm = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        for (int i = 0; System.nanoTime() < warm; i++) {
            recognizer.recognize(pngs.get(i % pngs.size()));
        }
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            recognizer.recognize(pngs.get(i % pngs.size()));
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        out.println("recognition + Grad-CAM per image, " + n + " images: " + summary(ms));
    }

    static void load(Recognizer recognizer, List<byte[]> pngs, int clients, int seconds, ServeApp.Settings settings,
                     PrintStream out) throws Exception {
        Path dir = Files.createTempDirectory("sabre-serve-load");
        try (FeedbackStore db = FeedbackStore.open(dir.resolve("feedback"));
             ServeApp app = ServeApp.start(new ServeApp.Parts(recognizer,
                     new Articles(null, recognizer.served().classes()), null, "no quiz in the load test", db,
                     System.err), settings)) {
            URI base = URI.create(app.url());
            LoopbackClient warm = LoopbackClient.open(base);
            long warmEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            for (int i = 0; System.nanoTime() < warmEnd; i++) {
                warm.recognize(pngs.get(i % pngs.size()));
            }
            AtomicInteger errors = new AtomicInteger();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            List<Future<List<Double>>> futures = new ArrayList<>();
            long start = System.nanoTime();
            for (int c = 0; c < clients; c++) {
                int first = c;
                futures.add(pool.submit(() -> client(base, pngs, first, deadline, errors)));
            }
            List<Double> all = new ArrayList<>();
            for (Future<List<Double>> f : futures) {
                all.addAll(f.get(seconds + 120L, TimeUnit.SECONDS));
            }
            pool.shutdown();
            double wall = (System.nanoTime() - start) / 1e9;
            double[] ms = all.stream().mapToDouble(Double::doubleValue).toArray();
            out.printf("load: %d clients for %d s on %s: %d requests, %d errors, %.1f requests/s; latency %s%n",
                    clients, seconds, base, ms.length, errors.get(), ms.length / wall, summary(ms));
        }
    }

    private static List<Double> client(URI base, List<byte[]> pngs, int first, long deadline, AtomicInteger errors)
            throws IOException, InterruptedException {
        LoopbackClient c = LoopbackClient.open(base);
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < MAX_REQUESTS_PER_CLIENT && System.nanoTime() < deadline; i++) {
            long t = System.nanoTime();
            try {
                HttpResponse<String> r = c.recognize(pngs.get((first + i) % pngs.size()));
                if (r.statusCode() != 200 || !r.body().contains("id=\"cam\"")) {
                    errors.incrementAndGet();
                }
            } catch (IOException e) {
                errors.incrementAndGet();
            }
            ms.add((System.nanoTime() - t) / 1e6);
        }
        return ms;
    }

    /** "min a / median b / p95 c / max d ms" (nearest-rank percentiles). */
    static String summary(double[] ms) {
        if (ms.length == 0) {
            return "no samples";
        }
        double[] s = ms.clone();
        Arrays.sort(s);
        return String.format("min %.1f / median %.1f / p95 %.1f / max %.1f ms", s[0], rank(s, 0.5), rank(s, 0.95),
                s[s.length - 1]);
    }

    private static double rank(double[] sorted, double q) {
        return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
    }
}
