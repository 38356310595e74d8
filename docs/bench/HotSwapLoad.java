import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load generator of docs/bench/hotswap.sh, in a process of its own: an open-model load of
 * payment creations over HTTP against a running Tender (a fixed rate, whatever the answers take),
 * while the sandbox jar in deploy/ is replaced again and again and removed and restored once.
 * Prints requests, failures, lost and doubled payments, and the latency callers saw.
 *
 * <p>Usage: {@code java HotSwapLoad.java <base url> <owner email> <owner password> <deploy dir> <rate/s> <swaps>}
 */
public final class HotSwapLoad {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern CSRF = Pattern.compile("\"csrfToken\":\"([^\"]+)\"");
    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");

    private record Sent(String key, int status, long nanos, String paymentId, String error) {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String email = args[1];
        String password = args[2];
        Path deploy = Path.of(args[3]);
        int rate = Integer.parseInt(args[4]);
        int swaps = Integer.parseInt(args[5]);

        // The owner signs in, sets up a location selling gift cards through the sandbox, and makes an API key for the load.
        HttpResponse<String> session = post(base + "/api/session", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}",
                null, null, null);
        require(session, 200);
        String cookie = session.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        Matcher csrf = CSRF.matcher(session.body());
        csrf.find();
        String token = csrf.group(1);
        String location = "bench-" + System.currentTimeMillis();
        require(post(base + "/api/locations", "{\"id\":\"" + location + "\",\"name\":\"Bench\"}", cookie, token, null), 201);
        HttpResponse<String> connected = post(base + "/api/locations/" + location + "/connections", "{\"providerId\":\"sandbox\","
                + "\"name\":\"Sandbox\",\"settings\":{\"secretKey\":\"sk_sandbox_bench\",\"webhookSecret\":\"whsec_bench_1\"}}",
                cookie, token, null);
        require(connected, 201);
        Matcher connection = ID.matcher(connected.body());
        connection.find();
        require(put(base + "/api/locations/" + location + "/methods/online-sales", "{\"enabled\":true,\"connectionId\":\""
                + connection.group(1) + "\"}", cookie, token), 200);
        require(put(base + "/api/locations/" + location + "/sales/gift-10", "{\"name\":\"Gift card 10\",\"price\":1000,"
                + "\"currency\":\"EUR\",\"giftCard\":{\"validityDays\":365}}", cookie, token), 200);
        HttpResponse<String> key = post(base + "/api/api-keys", "{\"name\":\"bench\",\"role\":\"LOCATION_ADMIN\",\"locations\":[\""
                + location + "\"]}", cookie, token, null);
        require(key, 201);
        String apiKey = key.body().replaceAll(".*\"secret\":\"([^\"]+)\".*", "$1");

        Path sandbox;
        try (var files = Files.list(deploy)) {
            sandbox = files.filter(p -> p.getFileName().toString().startsWith("provider-template")).findFirst().orElseThrow();
        }
        byte[] original = Files.readAllBytes(sandbox);

        // The load: one request every 1/rate s, each on its own, so a pause shows as latency, not as fewer requests.
        ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();
        AtomicInteger sequence = new AtomicInteger();
        ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
        var workers = Executors.newCachedThreadPool(); // open model: a slow answer never holds the next request back
        long periodNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        // Latency runs from the tick, not from when a worker got to it: time spent queued counts.
        var ticking = clock.scheduleAtFixedRate(() -> {
            long due = System.nanoTime();
            String idempotencyKey = "bench-" + sequence.incrementAndGet();
            workers.submit(() -> sent.add(pay(base, location, apiKey, idempotencyKey, due)));
        }, 0, periodNanos, TimeUnit.NANOSECONDS);

        Thread.sleep(3000);
        long swapStart = System.nanoTime();
        for (int i = 1; i <= swaps; i++) {
            replace(sandbox, withMarker(original, i)); // what an operator does with a new build of the jar
            Thread.sleep(2000);
        }
        Path removed = sandbox.getParent().resolveSibling(sandbox.getFileName() + ".removed");
        Files.move(sandbox, removed, StandardCopyOption.ATOMIC_MOVE);
        Thread.sleep(3000);
        replace(sandbox, original);
        Thread.sleep(4000);
        double swapSeconds = (System.nanoTime() - swapStart) / 1e9;
        ticking.cancel(false);
        clock.shutdown();
        workers.shutdown();
        if (!workers.awaitTermination(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("requests still running after two minutes");
        }
        Files.deleteIfExists(removed);

        List<Sent> all = new ArrayList<>(sent);
        List<Sent> failed = all.stream().filter(s -> s.status != 201).toList();
        Set<String> ids = new HashSet<>();
        all.stream().filter(s -> s.paymentId != null).forEach(s -> ids.add(s.paymentId));
        Set<String> stored = listed(base, location, apiKey);
        Set<String> lost = new HashSet<>(ids);
        lost.removeAll(stored);
        Set<String> extra = new HashSet<>(stored);
        extra.removeAll(ids);
        // Every key is sent until it gets an answer, retries included: two payments for one key would show here.
        long doubled = all.stream().filter(s -> s.paymentId != null).count() - ids.size();
        List<Long> latencies = all.stream().map(s -> s.nanos).sorted().toList();

        System.out.printf("rate offered        %d/s for %.0f s (swaps %d, then remove for 3 s and restore)%n", rate,
                (all.size() / (double) rate), swaps);
        System.out.printf("requests            %d%n", all.size());
        System.out.printf("failed              %d%s%n", failed.size(), failed.isEmpty() ? "" : "  e.g. " + failed.get(0));
        System.out.printf("payments stored     %d (lost %d, not asked for %d, doubled %d)%n", stored.size(), lost.size(), extra.size(),
                doubled);
        System.out.printf("latency ms          p50 %.1f  p99 %.1f  p99.9 %.1f  max %.1f%n", ms(latencies, 0.50), ms(latencies, 0.99),
                ms(latencies, 0.999), ms(latencies, 1.0));
        System.out.printf("swap phase          %.1f s%n", swapSeconds);
        if (!failed.isEmpty() || !lost.isEmpty() || !extra.isEmpty() || doubled != 0) {
            System.exit(1);
        }
    }

    /**
     * Creates a payment, and on a 503 sends the same request with the same key again after the
     * Retry-After, as a client should: a success must then be the one payment, never a second.
     */
    private static Sent pay(String base, String location, String apiKey, String key, long due) {
        Sent sent = payOnce(base, location, apiKey, key, due);
        for (int retry = 0; retry < 5 && sent.status == 503; retry++) {
            try {
                Thread.sleep(5000);
            } catch (InterruptedException e) {
                break;
            }
            sent = payOnce(base, location, apiKey, key, due);
        }
        return sent;
    }

    private static Sent payOnce(String base, String location, String apiKey, String key, long start) {
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/payments"))
                    .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + apiKey)
                    .header("Content-Type", "application/json").header("Idempotency-Key", key)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"locationId\":\"" + location + "\",\"methodId\":\"online-sales\","
                            + "\"purpose\":\"sale\",\"reference\":\"gift-10\"}")).build(), HttpResponse.BodyHandlers.ofString());
            Matcher id = ID.matcher(answer.body());
            // Taken means a payment whose checkout is open: a 201 for a payment that failed is a failure too.
            boolean open = answer.statusCode() == 201 && answer.body().contains("\"status\":\"PENDING\"")
                    && answer.body().contains("\"checkoutUrl\":\"http");
            return new Sent(key, open ? 201 : answer.statusCode() == 201 ? 0 : answer.statusCode(), System.nanoTime() - start,
                    answer.statusCode() == 201 && id.find() ? id.group(1) : null, open ? null : answer.body());
        } catch (IOException | InterruptedException e) {
            return new Sent(key, -1, System.nanoTime() - start, null, e.toString());
        }
    }

    private static Set<String> listed(String base, String location, String apiKey) throws Exception {
        Set<String> ids = new HashSet<>();
        String cursor = null;
        do {
            HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/payments?locationId=" + location
                    + "&limit=200" + (cursor == null ? "" : "&cursor=" + cursor))).header("Authorization", "Bearer " + apiKey).build(),
                    HttpResponse.BodyHandlers.ofString());
            require(page, 200);
            Matcher id = Pattern.compile("\"id\":\"(pay_[^\"]+)\"").matcher(page.body());
            while (id.find()) {
                ids.add(id.group(1));
            }
            Matcher next = Pattern.compile("\"nextCursor\":\"([^\"]+)\"").matcher(page.body());
            cursor = next.find() ? next.group(1) : null;
        } while (cursor != null);
        return ids;
    }

    /** @return the jar with one more entry, so FileInstall sees a new file and updates the bundle */
    private static byte[] withMarker(byte[] jar, int n) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarInputStream in = new JarInputStream(new java.io.ByteArrayInputStream(jar));
                JarOutputStream copy = new JarOutputStream(out, in.getManifest())) {
            for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                copy.putNextEntry(new JarEntry(entry.getName()));
                in.transferTo(copy);
                copy.closeEntry();
            }
            copy.putNextEntry(new JarEntry("META-INF/hotswap-" + n));
            copy.write(Integer.toString(n).getBytes());
            copy.closeEntry();
        }
        return out.toByteArray();
    }

    /** Writes the jar beside the deploy folder and moves it in whole: FileInstall never sees half a file. */
    private static void replace(Path target, byte[] jar) throws IOException {
        Path staged = Files.createTempFile(target.getParent().getParent(), "hotswap", ".tmp");
        Files.write(staged, jar);
        Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static double ms(List<Long> sorted, double quantile) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1e6;
    }

    private static HttpResponse<String> post(String url, String json, String cookie, String csrf, String idempotencyKey)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (cookie != null) {
            request.header("Cookie", cookie).header("X-CSRF-Token", csrf);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> put(String url, String json, String cookie, String csrf) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json").header("Cookie", cookie)
                .header("X-CSRF-Token", csrf).PUT(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void require(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    private HotSwapLoad() {
    }
}
