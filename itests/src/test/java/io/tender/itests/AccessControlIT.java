package io.tender.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tender.api.MethodSetting;
import io.tender.api.SettingsService;
import io.tender.api.access.AccessService;
import io.tender.api.access.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Arrays;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.service.jakartars.runtime.JakartarsServiceRuntime;
import org.osgi.service.jakartars.runtime.dto.ApplicationDTO;

/**
 * Who may call what, over real HTTP: anonymous callers, owners signed in with a cookie and a CSRF
 * token, viewers, location admins and API keys; and the audit log the changes leave.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AccessControlIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> PUBLIC = Set.of("POST /webhooks/{connectionId}", "GET /health", "POST /session",
            "DELETE /session");
    private static final Set<String> RESOURCES = Set.of("tender.users", "tender.audit", "tender.booking-cancellations",
            "tender.catalog", "tender.health", "tender.inventory", "tender.link-email", "tender.links", "tender.location-links",
            "tender.location-mail", "tender.locations", "tender.memberships", "tender.openapi", "tender.payments",
            "tender.provider-forms", "tender.gift-cards", "tender.session", "tender.webhooks", "tender.location-audit");

    @Inject
    private BundleContext context;

    @Inject
    private AccessService access;

    @Inject
    private SettingsService settings;

    private final HttpClient http = HttpClient.newHttpClient();
    /** Once the whiteboard has settled after the framework started, it stays so for this class's tests. */
    private static volatile boolean settled;

    @Configuration
    public Option[] configuration() {
        return TenderDistribution.options(TenderDistribution.freePort());
    }

    private URI api(String path) {
        return URI.create("http://localhost:" + context.getProperty("org.osgi.service.http.port") + "/api/" + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String method, String json) throws Exception {
        return send(request, method, json, "application/json");
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String method, String json, String type) throws Exception {
        return http.send(request.setHeader("Content-Type", type)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Resources are published a moment after the framework starts: wait for every one of the console's. */
    private HttpResponse<String> published(HttpRequest.Builder request, String method, String json) throws Exception {
        Await.service(context, JakartarsServiceRuntime.class, runtime -> {
            ApplicationDTO application = runtime.getRuntimeDTO().defaultApplication;
            return application != null && Arrays.stream(application.resourceDTOs).map(r -> r.name).collect(Collectors.toSet())
                    .containsAll(RESOURCES);
        }, "every resource published");
        if (!settled) {
            awaitSettled();
            awaitHttp();
            settled = true;
        }
        return send(request, method, json);
    }

    /**
     * The whiteboard rebuilds the Jersey application each time a resource or extension arrives, and
     * a request that meets a rebuild can lose its connection: wait until the runtime stops changing.
     */
    private void awaitSettled() throws InterruptedException {
        var reference = context.getServiceReference(JakartarsServiceRuntime.class);
        Object last = reference.getProperty("service.changecount");
        Instant stableSince = Instant.now();
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline) && Duration.between(stableSince, Instant.now()).toMillis() < 1000) {
            Thread.sleep(100);
            Object now = reference.getProperty("service.changecount");
            if (!java.util.Objects.equals(now, last)) {
                last = now;
                stableSince = Instant.now();
            }
        }
    }

    /** Jetty may still be (re)starting its connector when the framework is up: wait until health answers. */
    private void awaitHttp() throws Exception {
        Instant deadline = Instant.now().plusSeconds(20);
        while (true) {
            try {
                if (http.send(HttpRequest.newBuilder(api("health")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                if (Instant.now().isAfter(deadline)) {
                    throw notYet;
                }
            }
            Thread.sleep(100);
        }
    }

    private String[] ownerSession() throws Exception {
        AdminSession.owner(access);
        return signIn(AdminSession.OWNER_EMAIL, AdminSession.OWNER_PASSWORD);
    }

    /** Signs in over HTTP as the console does. @return the cookie header value and the CSRF token */
    private String[] signIn(String email, String password) throws Exception {
        HttpResponse<String> signedIn = published(HttpRequest.newBuilder(api("session")), "POST",
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
        assertEquals(signedIn.body(), 200, signedIn.statusCode());
        String cookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie, cookie.contains("HttpOnly"));
        assertTrue(cookie, cookie.toLowerCase().contains("samesite=strict"));
        return new String[] {cookie.substring(0, cookie.indexOf(';')), JSON.readTree(signedIn.body()).get("csrfToken").asText()};
    }

    private HttpRequest.Builder as(String[] session, String path) {
        return HttpRequest.newBuilder(api(path)).header("Cookie", session[0]).header("X-CSRF-Token", session[1]);
    }

    @Test
    public void everyOperationOfTheDocumentRefusesAnonymousCallersButTheWebhooksHealthAndSignIn() throws Exception {
        HttpResponse<String> document = published(HttpRequest.newBuilder(api("openapi.json")), "GET", null);
        assertEquals(200, document.statusCode());
        List<String> open = new ArrayList<>();
        int operations = 0;
        for (Map.Entry<String, JsonNode> path : iterable(JSON.readTree(document.body()).get("paths"))) {
            for (Map.Entry<String, JsonNode> operation : iterable(path.getValue())) {
                String method = operation.getKey().toUpperCase();
                String url = path.getKey().substring(1).replaceAll("\\{[^}]+}", "x");
                // Each operation gets a body of the type it takes, so that it is matched and its access is what answers.
                JsonNode content = operation.getValue().path("requestBody").path("content");
                String type = content.fieldNames().hasNext() ? content.fieldNames().next() : "application/json";
                published(HttpRequest.newBuilder(api("health")), "GET", null);
                HttpResponse<String> anonymous = send(HttpRequest.newBuilder(api(url)), method,
                        method.equals("POST") || method.equals("PUT") ? "{}" : null, type);
                operations++;
                if (anonymous.statusCode() != 401) {
                    open.add(method + " " + path.getKey());
                } else {
                    assertEquals("application/problem+json", anonymous.headers().firstValue("Content-Type").orElse(""));
                }
            }
        }
        assertTrue("operations tried: " + operations, operations > 50);
        assertEquals(PUBLIC, Set.copyOf(open));
        // An API key that does not exist is no key.
        assertEquals(401, send(HttpRequest.newBuilder(api("locations")).header("Authorization", "Bearer tk_forged"), "GET", null)
                .statusCode());
    }

    @Test
    public void ownersSignInChangeWithTheirCsrfTokenAndSignOut() throws Exception {
        AdminSession.owner(access);
        HttpResponse<String> wrong = published(HttpRequest.newBuilder(api("session")), "POST",
                "{\"email\":\"" + AdminSession.OWNER_EMAIL + "\",\"password\":\"not the password\"}");
        assertEquals(401, wrong.statusCode());
        assertFalse(wrong.headers().firstValue("Set-Cookie").isPresent());

        // Guessing is slowed: after ten failures an email is refused for a while, whatever the password.
        for (int i = 0; i < 10; i++) {
            assertEquals(401, send(HttpRequest.newBuilder(api("session")), "POST",
                    "{\"email\":\"guess@salon.example\",\"password\":\"guess " + i + "\"}").statusCode());
        }
        HttpResponse<String> held = send(HttpRequest.newBuilder(api("session")), "POST",
                "{\"email\":\"guess@salon.example\",\"password\":\"guess 10\"}");
        assertEquals(429, held.statusCode());
        assertTrue(held.headers().firstValue("Retry-After").isPresent());

        String[] owner = signIn(AdminSession.OWNER_EMAIL, AdminSession.OWNER_PASSWORD);
        HttpResponse<String> noToken = send(HttpRequest.newBuilder(api("locations")).header("Cookie", owner[0]), "POST",
                "{\"id\":\"csrf\",\"name\":\"Forged\"}");
        assertEquals(403, noToken.statusCode());
        assertTrue(noToken.body(), noToken.body().contains("X-CSRF-Token"));
        assertTrue("nothing was created", settings.location("csrf").isEmpty());
        HttpResponse<String> wrongToken = send(HttpRequest.newBuilder(api("locations")).header("Cookie", owner[0])
                .header("X-CSRF-Token", "guessed"), "POST", "{\"id\":\"csrf\",\"name\":\"Forged\"}");
        assertEquals(403, wrongToken.statusCode());
        assertEquals(201, send(as(owner, "locations"), "POST", "{\"id\":\"harbour\",\"name\":\"Harbour\"}").statusCode());

        HttpResponse<String> me = send(as(owner, "session"), "GET", null);
        assertTrue(me.body(), me.body().contains("\"role\":\"OWNER\""));
        assertEquals(204, send(as(owner, "session"), "DELETE", null).statusCode());
        assertEquals("signed out", 401, send(as(owner, "session"), "GET", null).statusCode());
    }

    @Test
    public void viewersReadAndChangeNothingAndLocationAdminsKeepToTheirLocations() throws Exception {
        String[] owner = ownerSession();
        for (String id : List.of("north", "south")) {
            assertEquals(201, send(as(owner, "locations"), "POST", "{\"id\":\"" + id + "\",\"name\":\"" + id + "\"}").statusCode());
        }
        HttpResponse<String> connected = send(as(owner, "locations/north/connections"), "POST",
                "{\"providerId\":\"sandbox\",\"name\":\"Sandbox\",\"settings\":{\"secretKey\":\"sk_sandbox_north\","
                        + "\"webhookSecret\":\"whsec_north\"}}");
        assertEquals(connected.body(), 201, connected.statusCode());
        String connection = JSON.readTree(connected.body()).get("id").asText();
        HttpResponse<String> enabled = send(as(owner, "locations/north/methods/payment-link"), "PUT",
                "{\"enabled\":true,\"connectionId\":\"" + connection + "\"}");
        assertEquals(enabled.body(), 200, enabled.statusCode());
        String southConnection = JSON.readTree(send(as(owner, "locations/south/connections"), "POST",
                "{\"providerId\":\"sandbox\",\"name\":\"Sandbox\",\"settings\":{\"secretKey\":\"sk_sandbox_south\","
                        + "\"webhookSecret\":\"whsec_south\"}}").body()).get("id").asText();
        assertEquals(200, send(as(owner, "locations/south/methods/payment-link"), "PUT",
                "{\"enabled\":true,\"connectionId\":\"" + southConnection + "\"}").statusCode());
        HttpResponse<String> southLink = send(as(owner, "locations/south/links"), "POST", "{\"purpose\":\"goods\","
                + "\"reference\":\"s-1\",\"currency\":\"EUR\",\"items\":[{\"name\":\"Oil\",\"quantity\":1,\"unitPrice\":900}]}");
        assertEquals(southLink.body(), 201, southLink.statusCode());

        HttpResponse<String> user = send(as(owner, "users"), "POST", "{\"email\":\"vera@salon.example\","
                + "\"password\":\"viewer password 1\",\"role\":\"VIEWER\",\"locations\":[\"north\"]}");
        assertEquals(user.body(), 201, user.statusCode());
        assertFalse(user.body(), user.body().contains("password"));
        access.createUser("lara@salon.example", "location admin 1", Role.LOCATION_ADMIN, Set.of("north"));

        String[] viewer = signIn("vera@salon.example", "viewer password 1");
        assertEquals(200, send(as(viewer, "locations/north/methods/payment-link"), "GET", null).statusCode());
        HttpResponse<String> refused = send(as(viewer, "locations/north/methods/payment-link"), "PUT", "{\"enabled\":false}");
        assertEquals(403, refused.statusCode());
        assertTrue("still enabled", settings.methodSettings("north").stream()
                .filter(s -> s.methodId().equals("payment-link")).allMatch(MethodSetting::enabled));
        assertEquals(403, send(as(viewer, "users"), "GET", null).statusCode());

        String[] admin = signIn("lara@salon.example", "location admin 1");
        HttpResponse<String> locations = send(as(admin, "locations"), "GET", null);
        assertEquals("[{\"id\":\"north\",\"name\":\"north\",\"timeZone\":\"UTC\"}]", locations.body());
        assertEquals(403, send(as(admin, "locations/south"), "GET", null).statusCode());
        assertEquals(403, send(as(admin, "locations/south/links"), "GET", null).statusCode());
        assertEquals(403, send(as(admin, "payments?locationId=south"), "GET", null).statusCode());
        assertEquals(403, send(as(admin, "locations"), "POST", "{\"id\":\"east\",\"name\":\"East\"}").statusCode());
        // Terms that make north's gift cards valid at south would bind south: refused, and nothing saved.
        HttpResponse<String> reach = send(as(admin, "locations/north/sales/gift-100"), "PUT", "{\"name\":\"Gift\",\"price\":10000,"
                + "\"currency\":\"EUR\",\"giftCard\":{\"validityDays\":365,\"locations\":[\"north\",\"south\"]}}");
        assertEquals(reach.body(), 403, reach.statusCode());
        assertEquals("[]", send(as(admin, "locations/north/sales"), "GET", null).body());
        HttpResponse<String> ownLink = send(as(admin, "locations/north/links"), "POST", "{\"purpose\":\"goods\","
                + "\"reference\":\"n-1\",\"currency\":\"EUR\",\"items\":[{\"name\":\"Oil\",\"quantity\":1,\"unitPrice\":900}]}");
        assertEquals(ownLink.body(), 201, ownLink.statusCode());
        String token = JSON.readTree(southLink.body()).get("token").asText();
        assertEquals("another location's link, by its token", 403, send(as(admin, "links/" + token), "GET", null).statusCode());
    }

    @Test
    public void apiKeysAreScopedToLocationsAndStopWorkingWhenRevoked() throws Exception {
        String[] owner = ownerSession();
        assertEquals(201, send(as(owner, "locations"), "POST", "{\"id\":\"quay\",\"name\":\"Quay\"}").statusCode());
        assertEquals(201, send(as(owner, "locations"), "POST", "{\"id\":\"pier\",\"name\":\"Pier\"}").statusCode());
        String request = "{\"name\":\"booking system\",\"role\":\"LOCATION_ADMIN\",\"locations\":[\"quay\"]}";
        HttpResponse<String> created = send(as(owner, "api-keys").header("Idempotency-Key", "quay-key"), "POST", request);
        assertEquals(created.body(), 201, created.statusCode());
        HttpResponse<String> retried = send(as(owner, "api-keys").header("Idempotency-Key", "quay-key"), "POST", request);
        assertEquals("a retry returns the same key, secret included", created.body(), retried.body());
        assertEquals(1, send(as(owner, "audit"), "GET", null).body().split("\"api-key.create\"").length - 1);
        JsonNode key = JSON.readTree(created.body());
        String secret = key.get("secret").asText();
        assertTrue(secret.startsWith("tk_"));
        assertFalse("the secret is shown once", send(as(owner, "api-keys"), "GET", null).body().contains(secret));
        HttpResponse<String> badRole = send(as(owner, "api-keys"), "POST", "{\"name\":\"x\",\"role\":\"OWNER\",\"locations\":[\"quay\"]}");
        assertEquals(400, badRole.statusCode());
        assertTrue(badRole.body(), badRole.body().contains("\"field\":\"role\""));

        HttpRequest.Builder quay = HttpRequest.newBuilder(api("locations/quay/services/cut")).header("Authorization", "Bearer " + secret);
        String cut = "{\"name\":\"Cut\",\"price\":4000,\"currency\":\"EUR\"}";
        assertEquals("no CSRF token for a key", 200, send(quay, "PUT", cut).statusCode());
        assertEquals(403, send(HttpRequest.newBuilder(api("locations/pier/services/cut")).header("Authorization", "Bearer " + secret),
                "PUT", cut).statusCode());
        assertEquals(403, send(HttpRequest.newBuilder(api("users")).header("Authorization", "Bearer " + secret), "GET", null)
                .statusCode());
        assertEquals(204, send(as(owner, "api-keys/" + key.get("id").asText()), "DELETE", null).statusCode());
        assertEquals(401, send(HttpRequest.newBuilder(api("locations/quay/services/cut")).header("Authorization", "Bearer " + secret),
                "PUT", cut).statusCode());
    }

    @Test
    public void everySettingsChangeIsAuditedWithBeforeAfterAndNoSecret() throws Exception {
        String[] owner = ownerSession();
        assertEquals(201, send(as(owner, "locations"), "POST", "{\"id\":\"audited\",\"name\":\"Audited\"}").statusCode());
        HttpResponse<String> connected = send(as(owner, "locations/audited/connections"), "POST",
                "{\"providerId\":\"sandbox\",\"name\":\"Sandbox\",\"settings\":{\"secretKey\":\"sk_sandbox_hush\","
                        + "\"webhookSecret\":\"whsec_hush\"}}");
        assertEquals(connected.body(), 201, connected.statusCode());
        String connection = JSON.readTree(connected.body()).get("id").asText();
        assertEquals(200, send(as(owner, "locations/audited/methods/payment-link"), "PUT",
                "{\"enabled\":true,\"connectionId\":\"" + connection + "\"}").statusCode());
        assertEquals(200, send(as(owner, "locations/audited/methods/payment-link"), "PUT",
                "{\"enabled\":false,\"connectionId\":\"" + connection + "\"}").statusCode());
        assertEquals(200, send(as(owner, "locations/audited"), "PUT", "{\"name\":\"Audited & Co\"}").statusCode());

        // Two admins edit the same sale item from one version: the second save is refused and changes nothing.
        String gift = "{\"name\":\"Gift\",\"price\":5000,\"currency\":\"EUR\",\"giftCard\":{\"validityDays\":365}}";
        HttpResponse<String> item = send(as(owner, "locations/audited/sales/gift-50"), "PUT", gift);
        String etag = item.headers().firstValue("ETag").orElseThrow();
        assertEquals("\"1\"", etag);
        assertEquals(200, send(as(owner, "locations/audited/sales/gift-50").header("If-Match", etag), "PUT",
                gift.replace("5000", "6000")).statusCode());
        HttpResponse<String> stale = send(as(owner, "locations/audited/sales/gift-50").header("If-Match", etag), "PUT",
                gift.replace("5000", "7000"));
        assertEquals(412, stale.statusCode());
        assertTrue(send(as(owner, "locations/audited/sales/gift-50"), "GET", null).body().contains("\"price\":6000"));

        HttpResponse<String> log = send(as(owner, "locations/audited/audit"), "GET", null);
        assertEquals(log.body(), 200, log.statusCode());
        assertFalse(log.body(), log.body().contains("sk_sandbox_hush"));
        assertFalse(log.body(), log.body().contains("whsec_hush"));
        JsonNode entries = JSON.readTree(log.body());
        List<String> actions = new ArrayList<>();
        entries.forEach(e -> actions.add(e.get("action").asText()));
        assertEquals(List.of("sale-item.save", "sale-item.save", "location.update", "method.configure", "method.configure",
                "connection.create", "location.create"), actions);
        JsonNode disabled = entries.get(3);
        assertEquals(AdminSession.OWNER_EMAIL, disabled.get("actor").asText());
        assertTrue(disabled.get("before").get("enabled").asBoolean());
        assertFalse(disabled.get("after").get("enabled").asBoolean());
        assertTrue(Duration.between(Instant.parse(disabled.get("at").asText()), Instant.now()).toMinutes() < 5);
        assertEquals("Audited", entries.get(2).get("before").get("name").asText());
        assertEquals("Audited & Co", entries.get(2).get("after").get("name").asText());
        assertEquals(6000, entries.get(0).get("after").get("price").asInt());
        assertEquals(1, send(as(owner, "audit?limit=1"), "GET", null).body().split("\"action\"").length - 1);
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
        return node::fields;
    }
}
