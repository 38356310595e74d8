import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The load generator of docs/bench/perf.sh: POSTs one JSON body to one URL, either at saturation
 * (a fixed number of clients, each sending its next request when the last is answered) or at a
 * fixed rate (an open model: requests start on schedule whether or not earlier ones are answered,
 * and latency counts from the scheduled start, so queueing is never hidden). Prints one line.
 *
 * Usage: java -cp HdrHistogram.jar PaymentLoad.java LABEL saturate|rate URL SECONDS CLIENTS|RATE BODY [Header: value]...
 * An "Idempotency-Key: *" header gets a new key for every request. Exits 3 if no request succeeded.
 */
public class PaymentLoad {

    private static void count(int status, AtomicLong ok, AtomicLong failed, java.util.Map<Integer, AtomicLong> failures) {
        if (status >= 200 && status < 300) {
            ok.incrementAndGet();
        } else {
            failed.incrementAndGet();
            failures.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
        }
    }

    public static void main(String[] args) throws Exception {
        String label = args[0];
        String mode = args[1];
        URI url = URI.create(args[2]);
        int seconds = Integer.parseInt(args[3]);
        int load = Integer.parseInt(args[4]);
        String body = args[5];
        List<String[]> headers = new ArrayList<>();
        for (int i = 6; i < args.length; i++) {
            int colon = args[i].indexOf(':');
            headers.add(new String[] {args[i].substring(0, colon).strip(), args[i].substring(colon + 1).strip()});
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(8)).build();
        Histogram latency = new ConcurrentHistogram(TimeUnit.SECONDS.toMicros(120), 3);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong keys = new AtomicLong();
        // Failures by HTTP status (0: no answer), so a refusal (503 from a full bulkhead, 429) is told from an error.
        java.util.Map<Integer, AtomicLong> failures = new java.util.concurrent.ConcurrentSkipListMap<>();
        String run = Long.toString(System.nanoTime(), 36);
        java.util.function.Supplier<HttpRequest> request = () -> {
            HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
            for (String[] h : headers) {
                b.header(h[0], h[1].equals("*") ? run + "-" + keys.incrementAndGet() : h[1]);
            }
            return b.build();
        };
        long started = System.nanoTime();
        long end = started + TimeUnit.SECONDS.toNanos(seconds);
        if (mode.equals("saturate")) {
            ExecutorService clients = Executors.newFixedThreadPool(load);
            for (int c = 0; c < load; c++) {
                clients.submit(() -> {
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        try {
                            int status = http.send(request.get(), HttpResponse.BodyHandlers.discarding()).statusCode();
                            count(status, ok, failed, failures);
                        } catch (Exception e) {
                            count(0, ok, failed, failures);
                        }
                        latency.recordValue(Math.max(1, (System.nanoTime() - t0) / 1000));
                    }
                    return null;
                });
            }
            clients.shutdown();
            clients.awaitTermination(seconds + 120L, TimeUnit.SECONDS);
        } else {
            long interval = TimeUnit.SECONDS.toNanos(1) / load;
            List<CompletableFuture<?>> pending = new ArrayList<>();
            for (long due = started; due < end; due += interval) {
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                long scheduled = due;
                pending.add(http.sendAsync(request.get(), HttpResponse.BodyHandlers.discarding()).handle((response, error) -> {
                    count(error == null ? response.statusCode() : 0, ok, failed, failures);
                    latency.recordValue(Math.max(1, (System.nanoTime() - scheduled) / 1000));
                    return null;
                }));
            }
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(180, TimeUnit.SECONDS);
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        System.out.printf("%-12s %-9s load=%-5d requests=%d ok=%d failed=%d%s throughput=%.0f/s p50=%.2fms p99=%.2fms"
                + " p99.9=%.2fms max=%.2fms%n", label, mode, load, ok.get() + failed.get(), ok.get(), failed.get(),
                failures.isEmpty() ? "" : " " + failures,
                ok.get() / elapsed, latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(99) / 1000.0,
                latency.getValueAtPercentile(99.9) / 1000.0, latency.getMaxValue() / 1000.0);
        // No answer at all means the tool or the setup is broken, not slow: fail, so CI's smoke run says so.
        System.exit(ok.get() > 0 ? 0 : 3);
    }
}
