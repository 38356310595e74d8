import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.http.HttpMethod;

/**
 * The load generator of docs/bench/perf.sh: POSTs one JSON body to one URL, either at saturation
 * (a fixed number of clients, each sending its next request when the last is answered) or at a
 * fixed rate (an open model: requests start on schedule whether or not earlier ones are answered,
 * and latency counts from the scheduled start, so queueing is never hidden). Prints one line.
 * Requests go through Jetty's HTTP client, asynchronous and far cheaper on the shared cores than
 * the JDK's; the first seconds of a fixed rate (up to 3) are sent but not counted, so this JVM's own
 * warm-up is not measured as the server's latency.
 *
 * Usage: java -cp 'benchmarks/target/lib/*' PaymentLoad.java LABEL saturate|rate URL SECONDS CLIENTS|RATE BODY [Header: value]...
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
        String url = args[2];
        int seconds = Integer.parseInt(args[3]);
        int load = Integer.parseInt(args[4]);
        String body = args[5];
        List<String[]> headers = new ArrayList<>();
        for (int i = 6; i < args.length; i++) {
            int colon = args[i].indexOf(':');
            headers.add(new String[] {args[i].substring(0, colon).strip(), args[i].substring(colon + 1).strip()});
        }
        HttpClient http = new HttpClient();
        http.setMaxConnectionsPerDestination(4096);
        http.setMaxRequestsQueuedPerDestination(1 << 20);
        http.setConnectTimeout(5000);
        http.start();
        Histogram latency = new ConcurrentHistogram(TimeUnit.SECONDS.toMicros(120), 3);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong keys = new AtomicLong();
        // Failures by HTTP status (0: no answer), so a refusal (503 from a full bulkhead, 429) is told from an error.
        java.util.Map<Integer, AtomicLong> failures = new java.util.concurrent.ConcurrentSkipListMap<>();
        String run = Long.toString(System.nanoTime(), 36);
        java.util.function.Supplier<Request> request = () -> {
            Request r = http.newRequest(url).method(HttpMethod.POST).timeout(60, TimeUnit.SECONDS)
                    .body(new StringRequestContent("application/json", body));
            r.headers(h -> {
                for (String[] header : headers) {
                    h.put(header[0], header[1].equals("*") ? run + "-" + keys.incrementAndGet() : header[1]);
                }
            });
            return r;
        };
        long started;
        long end;
        if (mode.equals("saturate")) {
            started = System.nanoTime();
            end = started + TimeUnit.SECONDS.toNanos(seconds);
            long stop = end;
            ExecutorService clients = Executors.newFixedThreadPool(load);
            for (int c = 0; c < load; c++) {
                clients.submit(() -> {
                    while (System.nanoTime() < stop) {
                        long t0 = System.nanoTime();
                        int status;
                        try {
                            status = request.get().send().getStatus();
                        } catch (Exception e) {
                            status = 0;
                        }
                        count(status, ok, failed, failures);
                        latency.recordValue(Math.max(1, (System.nanoTime() - t0) / 1000));
                    }
                    return null;
                });
            }
            clients.shutdown();
            clients.awaitTermination(seconds + 120L, TimeUnit.SECONDS);
        } else {
            long interval = TimeUnit.SECONDS.toNanos(1) / load;
            long warmup = TimeUnit.SECONDS.toNanos(Math.min(3, seconds));
            long first = System.nanoTime();
            started = first + warmup;
            end = started + TimeUnit.SECONDS.toNanos(seconds);
            AtomicLong pending = new AtomicLong();
            for (long due = first; due < end; due += interval) {
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                long scheduled = due;
                boolean counted = due >= started;
                pending.incrementAndGet();
                request.get().send(result -> {
                    if (counted) {
                        count(result.isFailed() ? 0 : result.getResponse().getStatus(),
                                ok, failed, failures);
                        latency.recordValue(Math.max(1, (System.nanoTime() - scheduled) / 1000));
                    }
                    pending.decrementAndGet();
                });
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (pending.get() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        http.stop();
        System.out.printf("%-12s %-9s load=%-5d requests=%d ok=%d failed=%d%s throughput=%.0f/s p50=%.2fms p99=%.2fms"
                + " p99.9=%.2fms max=%.2fms%n", label, mode, load, ok.get() + failed.get(), ok.get(), failed.get(),
                failures.isEmpty() ? "" : " " + failures,
                ok.get() / elapsed, latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(99) / 1000.0,
                latency.getValueAtPercentile(99.9) / 1000.0, latency.getMaxValue() / 1000.0);
        // No answer at all means the tool or the setup is broken, not slow: fail, so CI's smoke run says so.
        System.exit(ok.get() > 0 ? 0 : 3);
    }
}
