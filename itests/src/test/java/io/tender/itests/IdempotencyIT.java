package io.tender.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.bundle;

import io.tender.api.MethodSetting;
import io.tender.api.Money;
import io.tender.api.PaymentQuery;
import io.tender.api.PaymentService;
import io.tender.api.SettingsService;
import io.tender.api.access.AccessService;
import io.tender.api.sales.SaleItem;
import io.tender.api.sales.SaleItemKind;
import io.tender.api.sales.SalesService;
import io.tender.itests.fixture.FixtureProvider;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.jakartars.runtime.JakartarsServiceRuntime;
import org.osgi.service.jakartars.runtime.dto.ApplicationDTO;

/**
 * Idempotency-Key with Stripe's semantics over real HTTP: thousands of concurrent requests with
 * one key make one payment and one provider call, and each gets the first answer; a reuse with
 * other parameters is a 422; conflicts are replayed, requests refused as sent are not. A body
 * counts the same whether sent with its length or in chunks; an answer carries its length up to the
 * 2 KB the API buffers, and goes out chunked beyond.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class IdempotencyIT {

    private static final Pattern PAYMENT_ID = Pattern.compile("\"id\":\"(pay_[^\"]+)\"");

    @Inject
    private BundleContext context;

    @Inject
    private AccessService access;

    @Inject
    private SettingsService settings;

    @Inject
    private SalesService sales;

    @Inject
    private PaymentService payments;

    @Configuration
    public Option[] configuration() {
        return TenderDistribution.options(TenderDistribution.freePort(),
                bundle(TenderDistribution.FIXTURE_BUNDLE.toUri().toString()).startLevel(3));
    }

    @Test
    public void thousandsOfConcurrentRequestsWithOneKeyMakeOnePaymentAndOneProviderCall() throws Exception {
        sellAGiftCardThroughTheFixture("burst-spa", "400");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String body = "{\"locationId\":\"burst-spa\",\"methodId\":\"online-sales\",\"purpose\":\"sale\",\"reference\":\"gift-50\"}";
        int requests = 2_000;
        ExecutorService clients = Executors.newFixedThreadPool(64);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < requests; i++) {
                answers.add(clients.submit(() -> {
                    start.await();
                    return http.send(post("payments", body, "burst-1"), HttpResponse.BodyHandlers.ofString());
                }));
            }
            start.countDown();
            Map<Integer, Integer> statuses = new HashMap<>();
            Map<String, Integer> ids = new HashMap<>();
            int replayed = 0;
            String firstBody = null;
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get(2, TimeUnit.MINUTES);
                statuses.merge(response.statusCode(), 1, Integer::sum);
                Matcher id = PAYMENT_ID.matcher(response.body());
                if (id.find()) {
                    ids.merge(id.group(1), 1, Integer::sum);
                }
                if (response.headers().firstValue("Idempotent-Replayed").isPresent()) {
                    replayed++;
                    assertEquals(firstBody == null ? response.body() : firstBody, response.body());
                    firstBody = response.body();
                }
            }
            assertEquals(Map.of(201, requests), statuses);
            assertEquals("one payment id in every answer: " + ids.keySet(), 1, ids.size());
            assertEquals(requests - 1, replayed);
            String paymentId = ids.keySet().iterator().next();
            assertEquals(1, FixtureProvider.checkoutCalls(paymentId));
            assertEquals(1, payments.search(new PaymentQuery("burst-spa", null, null, null, null, null, null, 100))
                    .payments().size());
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    public void aKeyReusedWithOtherParametersIs422AndOnlyOutcomesAreReplayed() throws Exception {
        sellAGiftCardThroughTheFixture("reuse-spa", "0");
        HttpClient http = HttpClient.newHttpClient();
        String body = "{\"locationId\":\"reuse-spa\",\"methodId\":\"online-sales\",\"purpose\":\"sale\",\"reference\":\"gift-50\"}";
        HttpResponse<String> first = http.send(post("payments", body, "reuse-1"), HttpResponse.BodyHandlers.ofString());
        assertEquals(first.body(), 201, first.statusCode());
        HttpResponse<String> other = http.send(post("payments", body.replace("gift-50", "gift-99"), "reuse-1"),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(other.body(), 422, other.statusCode());
        assertTrue(other.body(), other.body().contains("urn:tender:problem:key-reused"));
        HttpResponse<String> otherPath = http.send(post("locations", "{\"id\":\"x\",\"name\":\"X\"}", "reuse-1"),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(otherPath.body(), 422, otherPath.statusCode());

        // A request refused as sent ran nothing and keeps nothing: once the item exists, the same key runs it.
        String unknownItem = body.replace("gift-50", "gift-later");
        HttpResponse<String> refused = http.send(post("payments", unknownItem, "reuse-2"), HttpResponse.BodyHandlers.ofString());
        assertEquals(refused.body(), 404, refused.statusCode());
        sales.saveItem(new SaleItem("reuse-spa", "gift-later", SaleItemKind.GIFT_CARD, "Gift card", null,
                Money.of(2000, "EUR"), null, true, null, null));
        HttpResponse<String> again = http.send(post("payments", unknownItem, "reuse-2"), HttpResponse.BodyHandlers.ofString());
        assertEquals(again.body(), 201, again.statusCode());
        assertTrue(again.headers().firstValue("Idempotent-Replayed").isEmpty());

        // A conflict with the current state is an outcome: kept and given again.
        String location = "{\"id\":\"reuse-spa\",\"name\":\"Again\"}";
        HttpResponse<String> exists = http.send(post("locations", location, "reuse-3"), HttpResponse.BodyHandlers.ofString());
        assertEquals(exists.body(), 409, exists.statusCode());
        HttpResponse<String> existsAgain = http.send(post("locations", location, "reuse-3"), HttpResponse.BodyHandlers.ofString());
        assertEquals(exists.body(), existsAgain.body());
        assertEquals("true", existsAgain.headers().firstValue("Idempotent-Replayed").orElse(""));

        // A key that is not a key is refused and keeps nothing.
        HttpResponse<String> badKey = http.send(post("payments", body, "has space"), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, badKey.statusCode());
        assertEquals(2, payments.search(new PaymentQuery("reuse-spa", null, null, null, null, null, null, 100))
                .payments().size());
    }

    @Test
    public void aBodySentInChunksCountsAsTheSameRequestAsWithItsLength() throws Exception {
        sellAGiftCardThroughTheFixture("chunked-spa", "0");
        HttpClient http = HttpClient.newHttpClient();
        String body = "{\"locationId\":\"chunked-spa\",\"methodId\":\"online-sales\",\"purpose\":\"sale\",\"reference\":\"gift-50\"}";
        // No length announced: the body comes in chunks, and the filter reads it to its end.
        HttpRequest chunked = request("payments", "chunked-1").POST(HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))).build();
        HttpResponse<String> first = http.send(chunked, HttpResponse.BodyHandlers.ofString());
        assertEquals(first.body(), 201, first.statusCode());
        // With its length: read as many bytes, the same request, so its answer is given again.
        HttpResponse<String> again = http.send(post("payments", body, "chunked-1"), HttpResponse.BodyHandlers.ofString());
        assertEquals(again.body(), 201, again.statusCode());
        assertEquals("true", again.headers().firstValue("Idempotent-Replayed").orElse(""));
        assertEquals(first.body(), again.body());
        HttpResponse<String> other = http.send(post("payments", body.replace("gift-50", "gift-51"), "chunked-1"),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(other.body(), 422, other.statusCode());
    }

    @Test
    public void answersUpToTwoKilobytesCarryTheirLengthAndLongerOnesGoOutChunked() throws Exception {
        sellAGiftCardThroughTheFixture("paged-spa", "0");
        HttpClient http = HttpClient.newHttpClient();
        String body = "{\"locationId\":\"paged-spa\",\"methodId\":\"online-sales\",\"purpose\":\"sale\",\"reference\":\"gift-50\"}";
        HttpResponse<String> created = null;
        for (int i = 0; i < 8; i++) {
            created = http.send(post("payments", body, "paged-" + i), HttpResponse.BodyHandlers.ofString());
            assertEquals(created.body(), 201, created.statusCode());
        }
        assertEquals(String.valueOf(created.body().getBytes(StandardCharsets.UTF_8).length),
                created.headers().firstValue("Content-Length").orElse("none"));
        HttpResponse<String> page = http.send(get("payments?locationId=paged-spa&limit=8"), HttpResponse.BodyHandlers.ofString());
        assertEquals(page.body(), 200, page.statusCode());
        assertTrue(page.body(), page.body().length() > 2048);
        assertEquals("none", page.headers().firstValue("Content-Length").orElse("none"));
        assertEquals("chunked", page.headers().firstValue("Transfer-Encoding").orElse("none"));
    }

    private void sellAGiftCardThroughTheFixture(String location, String checkoutDelayMillis) throws Exception {
        awaitResource("tender.payments");
        Bundle fixture = Arrays.stream(context.getBundles())
                .filter(b -> "io.tender.itests".equals(b.getSymbolicName())).findFirst().orElseThrow();
        assertEquals(Bundle.ACTIVE, fixture.getState());
        Await.service(context, io.tender.api.provider.PaymentProvider.class,
                provider -> FixtureProvider.ID.equals(provider.descriptor().id()), "the fixture provider");
        settings.createLocation(location, location);
        String connection = settings.connect(location, FixtureProvider.ID, "Fixture",
                Map.of(FixtureProvider.CHECKOUT_DELAY_MILLIS, checkoutDelayMillis)).id();
        settings.configureMethod(new MethodSetting(location, "online-sales", true, connection));
        sales.saveItem(new SaleItem(location, "gift-50", SaleItemKind.GIFT_CARD, "Gift card 50", null, Money.of(5000, "EUR"),
                null, true, null, null));
    }

    private HttpRequest post(String path, String json, String key) {
        return request(path, key).POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private HttpRequest.Builder request(String path, String key) {
        return api(path).header("Content-Type", "application/json").header("Idempotency-Key", key);
    }

    private HttpRequest get(String path) {
        return api(path).GET().build();
    }

    private HttpRequest.Builder api(String path) {
        return AdminSession.owner(access).to(URI.create("http://localhost:" + context.getProperty("org.osgi.service.http.port")
                + "/api/" + path)).timeout(Duration.ofMinutes(1));
    }

    private void awaitResource(String name) throws InterruptedException {
        Await.service(context, JakartarsServiceRuntime.class, runtime -> {
            ApplicationDTO application = runtime.getRuntimeDTO().defaultApplication;
            return application != null && Arrays.stream(application.resourceDTOs).anyMatch(r -> name.equals(r.name));
        }, "resource " + name + " published");
    }
}
