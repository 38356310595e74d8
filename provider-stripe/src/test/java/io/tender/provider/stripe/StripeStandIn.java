package io.tender.provider.stripe;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.stripe.Stripe;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A local stand-in for api.stripe.com: it answers with Stripe's own published example objects
 * (fixtures3.json), filled in from each request, keeps the state a real account would (sessions,
 * payment intents, charges, refunds, idempotency keys), and records every request it received.
 */
public final class StripeStandIn implements AutoCloseable {

    public static final String GOOD_KEY = "sk_test_standin_valid_key_0001";
    static final String RESTRICTED_KEY = "rk_test_standin_restricted_0001";

    /** One request as it reached the stand-in. */
    record Received(String method, String path, Map<String, String> headers, Map<String, String> params) {
        String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    private record Answer(int status, String body) {
    }

    private static final Gson GSON = new Gson();
    private static final JsonObject FIXTURES = loadFixtures();

    private final HttpServer server;
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, JsonObject> sessions = new HashMap<>();
    private final Map<String, JsonObject> intents = new HashMap<>();
    private final Map<String, JsonObject> charges = new HashMap<>();
    private final Map<String, Answer> replies = new HashMap<>();
    private final ConcurrentLinkedDeque<Answer> scripted = new ConcurrentLinkedDeque<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile long delayMillis;

    public StripeStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    List<Received> received(String method, String pathPrefix) {
        return received().stream().filter(r -> r.method().equals(method) && r.path().startsWith(pathPrefix)).toList();
    }

    /** The next answers are these error responses, whatever the request. */
    void failNext(int status, String type, String code, String message, int times) {
        for (int i = 0; i < times; i++) {
            scripted.add(new Answer(status, error(type, code, message)));
        }
    }

    /** Every answer from now on comes this late. */
    void delay(long millis) {
        delayMillis = millis;
    }

    static String error(String type, String code, String message) {
        JsonObject error = new JsonObject();
        error.addProperty("type", type);
        if (code != null) {
            error.addProperty("code", code);
        }
        error.addProperty("message", message);
        error.addProperty("doc_url", "https://stripe.com/docs/error-codes" + (code == null ? "" : "/" + code.replace('_', '-')));
        JsonObject body = new JsonObject();
        body.add("error", error);
        return body.toString();
    }

    // ---- what a client does on Stripe's hosted page ----------------------------------------

    synchronized JsonObject pay(String sessionId) {
        return complete(sessionId, "paid", "succeeded");
    }

    /** A delayed payment method (e.g. a bank debit) that finally fails after the session completed. */
    synchronized JsonObject failAsync(String sessionId) {
        return complete(sessionId, "unpaid", "requires_payment_method");
    }

    private JsonObject complete(String sessionId, String paymentStatus, String intentStatus) {
        JsonObject session = sessions.get(sessionId);
        String intentId = "pi_test_" + ids.incrementAndGet();
        JsonObject intent = fixture("payment_intent");
        intent.addProperty("id", intentId);
        intent.addProperty("amount", session.get("amount_total").getAsLong());
        intent.addProperty("currency", session.get("currency").getAsString());
        intent.addProperty("status", intentStatus);
        intent.add("metadata", session.get("metadata").deepCopy());
        intent.add("last_payment_error", null);
        intent.add("next_action", null);
        if ("succeeded".equals(intentStatus)) {
            JsonObject charge = fixture("charge");
            String chargeId = "ch_test_" + ids.incrementAndGet();
            charge.addProperty("id", chargeId);
            charge.addProperty("amount", session.get("amount_total").getAsLong());
            charge.addProperty("amount_captured", session.get("amount_total").getAsLong());
            charge.addProperty("amount_refunded", 0);
            charge.addProperty("currency", session.get("currency").getAsString());
            charge.addProperty("payment_intent", intentId);
            charge.addProperty("paid", true);
            charge.addProperty("status", "succeeded");
            charges.put(chargeId, charge);
            intent.addProperty("latest_charge", chargeId);
            intent.addProperty("amount_received", session.get("amount_total").getAsLong());
        } else {
            intent.add("latest_charge", null);
        }
        intents.put(intentId, intent);
        session.addProperty("status", "complete");
        session.addProperty("payment_status", paymentStatus);
        session.addProperty("payment_intent", intentId);
        return session.deepCopy();
    }

    synchronized JsonObject session(String id) {
        return sessions.get(id).deepCopy();
    }

    // ---- signed events, exactly as Stripe sends them ---------------------------------------

    public static String event(String id, String type, JsonObject object, Instant created) {
        JsonObject event = fixture("event");
        event.addProperty("id", id);
        event.addProperty("type", type);
        event.addProperty("api_version", Stripe.API_VERSION);
        event.addProperty("created", created.getEpochSecond());
        JsonObject data = new JsonObject();
        data.add("object", object);
        event.add("data", data);
        return event.toString();
    }

    public static String signature(String payload, String secret, Instant at) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((at.getEpochSecond() + "." + payload).getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- the API -------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
            String query = exchange.getRequestURI().getRawQuery();
            Map<String, String> params = form("GET".equals(exchange.getRequestMethod()) ? query : body);
            Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, params);
            received.add(request);
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
            Answer answer = answer(request, body);
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("Request-Id", "req_standin_" + ids.incrementAndGet());
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized Answer answer(Received request, String body) {
        Answer outside = outsideApi(request);
        if (outside != null) {
            return outside;
        }
        Answer next = scripted.poll();
        if (next != null) {
            return next;
        }
        String auth = request.header("Authorization");
        boolean restricted = ("Bearer " + RESTRICTED_KEY).equals(auth);
        if (!("Bearer " + GOOD_KEY).equals(auth) && !restricted) {
            return new Answer(401, error("invalid_request_error", null, "Invalid API Key provided: sk_test_****"
                    + (auth == null ? "" : auth.substring(Math.max(0, auth.length() - 4)))));
        }
        String key = request.header("Idempotency-Key");
        if (key != null && "POST".equals(request.method())) {
            Answer replay = replies.get(key);
            if (replay != null) {
                return replay;
            }
        }
        Answer answer = route(request, restricted);
        if (key != null && "POST".equals(request.method()) && answer.status() < 500) {
            replies.put(key, answer);
        }
        return answer;
    }

    private Answer route(Received request, boolean restricted) {
        String path = request.path();
        Map<String, String> p = request.params();
        if (path.equals("/v1/balance") && request.method().equals("GET")) {
            return restricted ? new Answer(403, error("invalid_request_error", null,
                    "The provided key 'rk_test_****0001' does not have the required permissions for this endpoint on account "
                            + "'acct_standin'. Having the 'rak_balance_read' permission would allow this request to continue."))
                    : ok(fixture("balance"));
        }
        if (path.equals("/v1/checkout/sessions") && request.method().equals("POST")) {
            return ok(createSession(p));
        }
        if (path.matches("/v1/checkout/sessions/[^/]+") && request.method().equals("GET")) {
            JsonObject session = sessions.get(path.substring(path.lastIndexOf('/') + 1));
            return session == null ? missing("checkout session") : ok(expand(session.deepCopy(), p));
        }
        if (path.matches("/v1/checkout/sessions/[^/]+") && request.method().equals("POST")) {
            JsonObject session = sessions.get(path.substring(path.lastIndexOf('/') + 1));
            if (session == null) {
                return missing("checkout session");
            }
            p.forEach((k, v) -> {
                if (k.startsWith("metadata[")) {
                    session.getAsJsonObject("metadata").addProperty(k.substring(9, k.length() - 1), v);
                }
            });
            return ok(session.deepCopy());
        }
        if (path.matches("/v1/checkout/sessions/[^/]+/expire") && request.method().equals("POST")) {
            JsonObject session = sessions.get(path.split("/")[4]);
            if (session == null) {
                return missing("checkout session");
            }
            if (!"open".equals(session.get("status").getAsString())) {
                return new Answer(400, error("invalid_request_error", null,
                        "Only Checkout Sessions with a status in [\"open\"] can be expired."));
            }
            session.addProperty("status", "expired");
            return ok(session.deepCopy());
        }
        if (path.equals("/v1/refunds") && request.method().equals("POST")) {
            return refund(p);
        }
        return new Answer(404, error("invalid_request_error", null, "Unrecognized request URL (" + request.method() + ": " + path + ")."));
    }

    private JsonObject createSession(Map<String, String> p) {
        JsonObject session = fixture("checkout.session");
        String id = "cs_test_" + ids.incrementAndGet();
        long amount = Long.parseLong(p.get("line_items[0][price_data][unit_amount]"))
                * Long.parseLong(p.getOrDefault("line_items[0][quantity]", "1"));
        session.addProperty("id", id);
        session.addProperty("object", "checkout.session");
        session.addProperty("mode", p.get("mode"));
        session.addProperty("status", "open");
        session.addProperty("payment_status", "unpaid");
        session.addProperty("amount_total", amount);
        session.addProperty("amount_subtotal", amount);
        session.addProperty("currency", p.get("line_items[0][price_data][currency]"));
        session.addProperty("client_reference_id", p.get("client_reference_id"));
        session.addProperty("customer_email", p.get("customer_email"));
        session.addProperty("success_url", p.get("success_url"));
        session.addProperty("cancel_url", p.get("cancel_url"));
        session.addProperty("expires_at", Long.parseLong(p.get("expires_at")));
        session.addProperty("created", Instant.now().getEpochSecond());
        session.addProperty("url", url() + "/c/pay/" + id);
        session.add("payment_intent", null);
        JsonObject metadata = new JsonObject();
        p.forEach((k, v) -> {
            if (k.startsWith("metadata[")) {
                metadata.addProperty(k.substring(9, k.length() - 1), v);
            }
        });
        session.add("metadata", metadata);
        sessions.put(id, session);
        return session.deepCopy();
    }

    private JsonObject expand(JsonObject session, Map<String, String> p) {
        boolean intent = p.containsValue("payment_intent") || p.containsValue("payment_intent.latest_charge");
        JsonElement intentId = session.get("payment_intent");
        if (intent && intentId != null && !intentId.isJsonNull()) {
            JsonObject expanded = intents.get(intentId.getAsString()).deepCopy();
            JsonElement chargeId = expanded.get("latest_charge");
            if (p.containsValue("payment_intent.latest_charge") && chargeId != null && !chargeId.isJsonNull()) {
                expanded.add("latest_charge", charges.get(chargeId.getAsString()).deepCopy());
            }
            session.add("payment_intent", expanded);
        }
        return session;
    }

    private Answer refund(Map<String, String> p) {
        JsonObject intent = intents.get(p.get("payment_intent"));
        if (intent == null) {
            return missing("payment_intent");
        }
        JsonElement chargeId = intent.get("latest_charge");
        if (chargeId == null || chargeId.isJsonNull()) {
            return new Answer(400, error("invalid_request_error", "charge_not_refundable",
                    "This PaymentIntent does not have a successful charge to refund."));
        }
        JsonObject charge = charges.get(chargeId.getAsString());
        long amount = Long.parseLong(p.getOrDefault("amount", Long.toString(charge.get("amount").getAsLong())));
        long left = charge.get("amount").getAsLong() - charge.get("amount_refunded").getAsLong();
        if (left == 0) {
            return new Answer(400, error("invalid_request_error", "charge_already_refunded",
                    "Charge " + charge.get("id").getAsString() + " has already been refunded."));
        }
        if (amount > left) {
            return new Answer(400, error("invalid_request_error", "amount_too_large",
                    "Refund amount (" + amount + ") is greater than unrefunded amount on charge (" + left + ")"));
        }
        charge.addProperty("amount_refunded", charge.get("amount_refunded").getAsLong() + amount);
        charge.addProperty("refunded", charge.get("amount_refunded").getAsLong() == charge.get("amount").getAsLong());
        JsonObject refund = fixture("refund");
        refund.addProperty("id", "re_test_" + ids.incrementAndGet());
        refund.addProperty("amount", amount);
        refund.addProperty("currency", charge.get("currency").getAsString());
        refund.addProperty("charge", charge.get("id").getAsString());
        refund.addProperty("payment_intent", intent.get("id").getAsString());
        refund.addProperty("status", "succeeded");
        JsonObject metadata = new JsonObject();
        p.forEach((k, v) -> {
            if (k.startsWith("metadata[")) {
                metadata.addProperty(k.substring(9, k.length() - 1), v);
            }
        });
        refund.add("metadata", metadata);
        return ok(refund);
    }

    private static Answer ok(JsonObject object) {
        return new Answer(200, object.toString());
    }

    private static Answer missing(String what) {
        return new Answer(404, error("invalid_request_error", "resource_missing", "No such " + what));
    }

    static JsonObject fixture(String resource) {
        return FIXTURES.getAsJsonObject(resource).deepCopy();
    }

    private static JsonObject loadFixtures() {
        try (Reader reader = new InputStreamReader(StripeStandIn.class.getResourceAsStream("/stripe/fixtures3.json"),
                StandardCharsets.UTF_8)) {
            return JsonParser.parseReader(reader).getAsJsonObject().getAsJsonObject("resources");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> form(String encoded) {
        Map<String, String> params = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return params;
        }
        for (String pair : encoded.split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return params;
    }

    /** The stand-in's own pages and records, outside Stripe's API: what a browser or a test reaches. */
    private Answer outsideApi(Received request) {
        if (request.method().equals("POST") && request.path().startsWith("/c/pay/")) {
            String id = request.path().substring("/c/pay/".length());
            if (!sessions.containsKey(id) || !"open".equals(sessions.get(id).get("status").getAsString())) {
                return missing("open checkout session");
            }
            return ok(complete(id, "paid", "succeeded"));
        }
        if (request.method().equals("GET") && request.path().equals("/_standin/requests")) {
            com.google.gson.JsonArray all = new com.google.gson.JsonArray();
            for (Received r : received()) {
                if (!r.path().startsWith("/_standin")) {
                    all.add(GSON.toJsonTree(r));
                }
            }
            return new Answer(200, all.toString());
        }
        return null;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
