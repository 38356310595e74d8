package io.tender.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tender.provider.stripe.StripeStandIn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two distributions ({@code bin/tender}) on one real PostgreSQL, paying through the Stripe bundle
 * against Stripe's stand-in, which runs in this JVM and so outlives them. Clients submit every
 * payment twice, once to each node, with one Idempotency-Key; node B is killed with SIGKILL in the
 * middle of the burst and the clients go on against node A; webhooks are delivered three times,
 * to both nodes, and forged and stale ones are sent too; some payments are paid without any
 * webhook. After B is back, the ledger is counted against what was sent and what the stand-in saw.
 */
class ClusterCrashIT {

    private static final String SIGNING_SECRET = "whsec_cluster_secret";
    private static final Pattern ID = Pattern.compile("\"id\":\"(pay_[^\"]+)\"");
    private static final Pattern REFERENCE = Pattern.compile("\"providerReference\":\"([^\"]+)\"");
    private static final int PAYMENTS = 400;

    private static TestDatabase database;
    private static StripeStandIn stripe;
    private static String jdbcUrl;
    private static Path work;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startTheSharedParts() throws Exception {
        database = TestDatabase.start("tender_cluster");
        jdbcUrl = database.jdbcUrl();
        stripe = new StripeStandIn();
        work = Files.createTempDirectory(Files.createDirectories(Path.of("target/e2e").toAbsolutePath()), "cluster");
    }

    @AfterAll
    static void stopTheSharedParts() throws IOException {
        if (stripe != null) {
            stripe.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void twoNodesOnOneDatabaseLoseAndDoubleNothingThroughAKillDuplicatesAndReplayedWebhooks() throws Exception {
        RunningTender.Node nodeA = node("a");
        RunningTender.Node nodeB = node("b");
        RunningTender a = RunningTender.start(nodeA);
        RunningTender b = RunningTender.start(nodeB);
        try {
            RunningTender.SignedIn owner = a.signIn(RunningTender.OWNER_EMAIL, RunningTender.OWNER_PASSWORD);

            // Settings made on A are used by B at once: there is no cache to wait for.
            assertThat(call(a, owner, "POST", "/api/locations", "{\"id\":\"cluster\",\"name\":\"Cluster Spa\"}").statusCode())
                    .isEqualTo(201);
            HttpResponse<String> connected = call(a, owner, "POST", "/api/locations/cluster/connections",
                    "{\"providerId\":\"stripe\",\"name\":\"Stripe\",\"settings\":{\"secretKey\":\"" + StripeStandIn.GOOD_KEY
                            + "\",\"webhookSecret\":\"" + SIGNING_SECRET + "\",\"apiBase\":\"" + stripe.url() + "\"}}");
            assertThat(connected.statusCode()).as(connected.body()).isEqualTo(201);
            String connection = field(connected.body(), "id");
            assertThat(call(a, owner, "PUT", "/api/locations/cluster/sales/gift-30",
                    "{\"name\":\"Gift card 30\",\"price\":3000,\"currency\":\"EUR\",\"giftCard\":{\"validityDays\":365}}")
                    .statusCode()).isEqualTo(200);
            assertThat(call(a, owner, "PUT", "/api/locations/cluster/methods/online-sales",
                    "{\"enabled\":true,\"connectionId\":\"" + connection + "\"}").statusCode()).isEqualTo(200);
            assertThat(call(b, owner, "GET", "/api/locations/cluster/methods/online-sales", null).body())
                    .contains("\"enabled\":true");

            // The burst: every payment twice, to both nodes, one key; B dies in the middle. The client
            // of the first copy pays on the provider's page at once, for two payments in three. Stripe
            // sends the webhook for the first of those (to a live node), and loses the other's: the
            // janitors must find that one. The third payment is left unpaid.
            String body = "{\"locationId\":\"cluster\",\"methodId\":\"online-sales\",\"purpose\":\"sale\",\"reference\":\"gift-30\"}";
            RunningTender[] nodes = {a, b};
            Set<Integer> deadPorts = ConcurrentHashMap.newKeySet();
            AtomicInteger sent = new AtomicInteger();
            AtomicInteger serverErrors = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            AtomicInteger done = new AtomicInteger();
            AtomicInteger webhooksSent = new AtomicInteger();
            Set<String> paid = ConcurrentHashMap.newKeySet();
            Map<String, String> events = new ConcurrentHashMap<>();
            ExecutorService clients = Executors.newFixedThreadPool(24);
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < PAYMENTS; i++) {
                String key = "order-" + i;
                int order = i;
                for (int copy = 0; copy < 2; copy++) {
                    int first = (i + copy) % 2;
                    boolean payer = copy == 0;
                    answers.add(clients.submit(() -> {
                        String[] payment = submit(nodes, first, owner, body, key, deadPorts, sent, serverErrors, refused);
                        if (payer && order % 3 != 2) {
                            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(stripe.url() + "/c/pay/"
                                    + payment[1])).POST(HttpRequest.BodyPublishers.noBody()).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
                            paid.add(payment[0]);
                            if (order % 3 == 0) {
                                JsonObject session = JsonParser.parseString(page.body()).getAsJsonObject();
                                String event = StripeStandIn.event("evt_cluster_" + order, "checkout.session.completed", session,
                                        Instant.now());
                                events.put(payment[0], event);
                                deliver(nodes, deadPorts, connection, event, webhooksSent);
                            }
                        }
                        done.incrementAndGet();
                        return payment[0];
                    }));
                }
            }
            while (done.get() < PAYMENTS / 2) {
                Thread.sleep(20);
            }
            deadPorts.add(nodeB.port());
            b.kill();
            Map<String, Set<String>> idsByKey = new HashMap<>();
            for (int i = 0; i < answers.size(); i++) {
                idsByKey.computeIfAbsent("order-" + i / 2, k -> new HashSet<>()).add(answers.get(i).get(5, TimeUnit.MINUTES));
            }
            clients.shutdown();
            assertThat(idsByKey).hasSize(PAYMENTS);
            assertThat(idsByKey.values()).as("both copies of a payment got the same payment").allMatch(ids -> ids.size() == 1);
            List<String> paymentIds = idsByKey.values().stream().map(ids -> ids.iterator().next()).sorted().toList();

            // B comes back on the same data folder and database; Stripe delivers every webhook once
            // more, to both nodes; forged and stale copies are refused.
            b = RunningTender.start(nodeB);
            deadPorts.clear();
            int webhooksRefused = 0;
            for (String event : events.values()) {
                for (RunningTender node : List.of(b, a)) {
                    assertThat(webhook(node, connection, event, Instant.now(), SIGNING_SECRET).statusCode()).isEqualTo(200);
                    webhooksSent.incrementAndGet();
                }
                assertThat(webhook(b, connection, event, Instant.now(), "whsec_forged").statusCode()).isEqualTo(400);
                assertThat(webhook(a, connection, event, Instant.now().minusSeconds(3600), SIGNING_SECRET).statusCode())
                        .isEqualTo(400);
                webhooksRefused += 2;
            }

            // The janitors of both nodes ask Stripe about the rest; wait until the ledger agrees with it.
            assertThat(paid).hasSize(PAYMENTS - PAYMENTS / 3);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            Map<String, String> finalStatuses = statuses();
            while (System.nanoTime() < deadline && !agrees(paymentIds, paid, finalStatuses)) {
                Thread.sleep(500);
                finalStatuses = statuses();
            }
            Map<String, String> settled = finalStatuses;
            assertThat(paymentIds).allSatisfy(id -> assertThat(settled.get(id)).as(id)
                    .isEqualTo(paid.contains(id) ? "SUCCEEDED" : "PENDING"));

            // Counted against what was sent and what Stripe saw.
            try (Connection db = DriverManager.getConnection(jdbcUrl)) {
                assertThat(count(db, "SELECT COUNT(*) FROM payment")).isEqualTo(PAYMENTS);
                assertThat(count(db, "SELECT COUNT(*) FROM (SELECT payment_id FROM payment_event WHERE type = 'created'"
                        + " GROUP BY payment_id HAVING COUNT(*) = 1) once")).isEqualTo(PAYMENTS);
                assertThat(count(db, "SELECT COUNT(*) FROM payment_event WHERE to_status = 'SUCCEEDED'"
                        + " AND from_status <> 'SUCCEEDED'")).as("each paid payment moved to SUCCEEDED once").isEqualTo(paid.size());
                assertThat(count(db, "SELECT COUNT(*) FROM webhook_inbox")).as("each event stored once").isEqualTo(events.size());
                assertThat(count(db, "SELECT COUNT(*) FROM webhook_receipt")).isEqualTo(events.size());
                assertThat(count(db, "SELECT COUNT(*) FROM webhook_inbox WHERE state <> 'PROCESSED'")).isZero();
            }
            Map<String, Integer> sessionCreations = new HashMap<>();
            Set<String> sessionsByKey = new HashSet<>();
            for (var request : JsonParser.parseString(http.send(HttpRequest.newBuilder(URI.create(stripe.url()
                    + "/_standin/requests")).build(), HttpResponse.BodyHandlers.ofString()).body()).getAsJsonArray()) {
                JsonObject r = request.getAsJsonObject();
                if (r.get("method").getAsString().equals("POST") && r.get("path").getAsString().equals("/v1/checkout/sessions")) {
                    String key = r.getAsJsonObject("headers").get("idempotency-key").getAsString();
                    sessionCreations.merge(key, 1, Integer::sum);
                    sessionsByKey.add(key);
                }
            }
            assertThat(sessionsByKey).as("one Stripe checkout per payment").hasSize(PAYMENTS)
                    .allMatch(key -> paymentIds.contains(key.substring("tender-checkout-".length())));
            int sessionCalls = sessionCreations.values().stream().mapToInt(Integer::intValue).sum();
            System.out.printf("ClusterCrashIT: %d payment requests sent (%d submissions of %d keys), %d refused for a retry,"
                    + " %d 5xx; %d payments, %d Stripe checkouts (%d create calls, the extra ones repeats of a key after"
                    + " the kill); %d webhooks delivered (%d events stored), %d forged or stale refused; %d paid (%d without a"
                    + " webhook), all SUCCEEDED; the rest PENDING, as at Stripe%n", sent.get(), PAYMENTS * 2, PAYMENTS,
                    refused.get(), serverErrors.get(), PAYMENTS, sessionsByKey.size(), sessionCalls, webhooksSent.get(),
                    events.size(), webhooksRefused, paid.size(), paid.size() - events.size());
            assertThat(serverErrors.get()).as("5xx answers").isZero();
        } finally {
            a.close();
            b.close();
        }
    }

    /**
     * One client's submission: to its first node, and on a refused connection (the node died), a
     * "still running" 409 or a 503, to the other node after a short wait, until it gets its payment.
     */
    private String[] submit(RunningTender[] nodes, int first, RunningTender.SignedIn owner, String body, String key,
            Set<Integer> deadPorts, AtomicInteger sent, AtomicInteger serverErrors, AtomicInteger refused) throws Exception {
        int node = first;
        for (int attempt = 0; attempt < 200; attempt++) {
            RunningTender target = nodes[node];
            if (deadPorts.contains(target.node().port())) {
                node = 1 - node;
                continue;
            }
            try {
                sent.incrementAndGet();
                HttpResponse<String> answer = http.send(owner.on(HttpRequest.newBuilder(target.url("/api/payments")))
                        .header("Content-Type", "application/json").header("Idempotency-Key", key)
                        .timeout(Duration.ofSeconds(70)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 201) {
                    Matcher id = ID.matcher(answer.body());
                    Matcher reference = REFERENCE.matcher(answer.body());
                    assertThat(id.find() && reference.find()).as(answer.body()).isTrue();
                    return new String[] {id.group(1), reference.group(1)};
                }
                if (answer.statusCode() >= 500 && answer.statusCode() != 503) {
                    serverErrors.incrementAndGet();
                }
                refused.incrementAndGet();
                assertThat(answer.statusCode()).as(answer.body()).isIn(409, 503);
            } catch (IOException lost) {
                // The node died under the request: the client does not know whether it ran, and retries.
            }
            Thread.sleep(200);
            node = 1 - node;
        }
        throw new AssertionError("no payment for " + key);
    }

    /** Stripe delivers an event to a live node, and once more (a retry after a lost answer). */
    private void deliver(RunningTender[] nodes, Set<Integer> deadPorts, String connection, String event, AtomicInteger sent)
            throws IOException, InterruptedException {
        for (RunningTender node : List.of(nodes[0], nodes[1])) {
            if (deadPorts.contains(node.node().port())) {
                continue;
            }
            try {
                assertThat(webhook(node, connection, event, Instant.now(), SIGNING_SECRET).statusCode()).isEqualTo(200);
                sent.incrementAndGet();
            } catch (IOException lost) {
                // the node died under it; the other copy, or the replay after the restart, carries it
            }
        }
    }

    private RunningTender.Node node(String name) throws IOException {
        Path home = work.resolve("node-" + name);
        copy(RunningTender.distribution(), home);
        // The janitor runs every second and asks about payments quiet for 3 seconds; a killed node's
        // keys are free again after 10 seconds.
        Files.writeString(home.resolve("deploy/io.tender.payments.cfg"), "reconcileSeconds=1\nreconcileQuietSeconds=3\n");
        Files.writeString(home.resolve("deploy/io.tender.idempotency.cfg"), "runningLeaseSeconds=10\n");
        return new RunningTender.Node(home, Files.createDirectories(work.resolve("data-" + name)), RunningTender.freePort(),
                withKey(database.tenderEnvironment(), work.resolve("credentials.key")));
    }

    private static Map<String, String> withKey(Map<String, String> environment, Path keyFile) {
        Map<String, String> all = new HashMap<>(environment);
        all.put("TENDER_KEY_FILE", keyFile.toString());
        return all;
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private HttpResponse<String> call(RunningTender node, RunningTender.SignedIn owner, String method, String path, String json)
            throws IOException, InterruptedException {
        return http.send(owner.on(HttpRequest.newBuilder(node.url(path))).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> webhook(RunningTender node, String connection, String event, Instant signedAt, String secret)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(node.url("/api/webhooks/" + connection))
                .header("Content-Type", "application/json")
                .header("Stripe-Signature", "t=" + signedAt.getEpochSecond() + ",v1=" + StripeStandIn.signature(event, secret, signedAt))
                .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean agrees(List<String> paymentIds, Set<String> paid, Map<String, String> statuses) {
        return paymentIds.stream().allMatch(id -> (paid.contains(id) ? "SUCCEEDED" : "PENDING").equals(statuses.get(id)));
    }

    private static Map<String, String> statuses() {
        try (Connection db = DriverManager.getConnection(jdbcUrl); Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery("SELECT id, status FROM payment")) {
            Map<String, String> statuses = new HashMap<>();
            while (rows.next()) {
                statuses.put(rows.getString(1), rows.getString(2));
            }
            return statuses;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(Connection db, String query) throws SQLException {
        try (Statement sql = db.createStatement(); ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String field(String json, String name) {
        Matcher value = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        if (!value.find()) {
            throw new UncheckedIOException(new IOException("no " + name + " in " + json));
        }
        return value.group(1);
    }
}
