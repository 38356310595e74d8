package io.tender.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.bundle;

import io.tender.api.access.AccessService;
import io.tender.api.MethodSetting;
import io.tender.api.Money;
import io.tender.api.Payment;
import io.tender.api.PaymentRequest;
import io.tender.api.PaymentService;
import io.tender.api.PaymentStatus;
import io.tender.api.PlatformInventory;
import io.tender.api.SettingsService;
import io.tender.api.TenderException;
import io.tender.api.provider.PaymentProvider;
import io.tender.api.sales.SaleItem;
import io.tender.api.sales.SaleItemKind;
import io.tender.api.access.AccessService;
import io.tender.api.access.ApiKey;
import io.tender.api.access.Role;
import io.tender.api.access.Session;
import io.tender.api.sales.SalesService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
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
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.jakartars.runtime.JakartarsServiceRuntime;
import org.osgi.service.jakartars.runtime.dto.ApplicationDTO;
import org.osgi.util.tracker.ServiceTracker;

/** The distribution's bundle set in a real Felix: it starts, routes to providers that come and go, and serves HTTP. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PlatformIT {

    private static final String FIXTURE_BSN = "io.tender.itests";

    @Inject
    private AccessService access;

    @Inject
    private BundleContext context;

    @Inject
    private PaymentService payments;

    @Inject
    private SettingsService settings;

    @Inject
    private PlatformInventory inventory;

    @Inject
    private SalesService sales;

    /** Accounts work in the framework: password4j's Argon2id runs embedded in platform-core. */
    @Test
    public void anAdminSignsInAndAnApiKeyIsScopedInTheFramework() {
        settings.createLocation("access-spa", "Access Spa");
        access.createUser("admin@access.example", "a long enough password", Role.LOCATION_ADMIN, Set.of("access-spa"));
        Session session = access.signIn("admin@access.example", "a long enough password").orElseThrow();
        assertTrue(session.principal().canWrite("access-spa"));
        assertEquals(session.principal().id(), access.session(session.token()).orElseThrow().principal().id());
        assertTrue(access.signIn("admin@access.example", "not the password").isEmpty());
        ApiKey key = access.createApiKey("Host", Role.VIEWER, Set.of("access-spa"));
        assertTrue(access.apiKey(key.secret()).orElseThrow().canRead("access-spa"));
    }

    @Configuration
    public Option[] configuration() {
        return TenderDistribution.options(TenderDistribution.freePort(),
                bundle(TenderDistribution.FIXTURE_BUNDLE.toUri().toString()).startLevel(3).noStart());
    }

    @Test
    public void everyBundleOfTheDistributionIsActive() {
        List<String> notActive = Arrays.stream(context.getBundles())
                .filter(b -> !FIXTURE_BSN.equals(b.getSymbolicName()))
                .filter(b -> b.getHeaders().get(Constants.FRAGMENT_HOST) == null ? b.getState() != Bundle.ACTIVE
                        : b.getState() != Bundle.RESOLVED)
                .map(b -> b.getSymbolicName() + " " + b.getState())
                .collect(Collectors.toList());
        assertEquals("bundles not active", List.of(), notActive);
        assertEquals(List.of("booking-prepayment", "online-sales", "payment-link"),
                inventory.methods().stream().map(m -> m.descriptor().id()).collect(Collectors.toList()));
        assertTrue(inventory.providers().stream().anyMatch(p -> p.descriptor().id().equals("sandbox")));
    }

    @Test
    public void aProviderBundleIsRoutableWhileItRunsAndItsPaymentsOutliveIt() throws Exception {
        Bundle fixture = Arrays.stream(context.getBundles()).filter(b -> FIXTURE_BSN.equals(b.getSymbolicName()))
                .findFirst().orElseThrow();
        ServiceTracker<PaymentProvider, PaymentProvider> tracker = new ServiceTracker<>(context,
                FrameworkUtil.createFilter("(&(objectClass=" + PaymentProvider.class.getName() + ")(tender.provider.id=fixture))"),
                null);
        tracker.open();
        try {
            fixture.start();
            assertNotNull("fixture provider registered", tracker.waitForService(10_000));
            assertTrue(inventory.providers().stream().anyMatch(p -> p.descriptor().id().equals("fixture")));

            settings.createLocation("uptown", "Uptown");
            String connection = settings.connect("uptown", "fixture", "Fixture", Map.of()).id();
            settings.configureMethod(new MethodSetting("uptown", "online-sales", true, connection));
            sales.saveItem(new SaleItem("uptown", "gift-50", SaleItemKind.GIFT_CARD, "Gift card 50", null, Money.of(5000, "EUR"),
                    null, true, null, null));
            Payment payment = payments.create(new PaymentRequest("uptown", "online-sales", null,
                    "sale", "gift-50", null, null, null, "itest-1"));
            assertEquals(PaymentStatus.PENDING, payment.status());
            assertEquals("fx_" + payment.id(), payment.providerReference());

            // Stopping the bundle unregisters its service before stop() returns.
            fixture.stop();
            assertEquals(0, tracker.size());
            try {
                payments.create(new PaymentRequest("uptown", "online-sales", null, "sale", "gift-50",
                        null, null, null, null));
                fail("a payment was routed to a stopped provider");
            } catch (TenderException e) {
                assertEquals(TenderException.Reason.PROVIDER_NOT_INSTALLED, e.reason());
                assertTrue(e.getMessage(), e.getMessage().contains("'fixture' is not installed"));
            }
            Payment kept = payments.find(payment.id()).orElseThrow();
            assertEquals(PaymentStatus.PENDING, kept.status());
            assertEquals(2, payments.history(payment.id()).size());
            assertEquals(payment.id(), payments.create(new PaymentRequest("uptown", "online-sales", null,
                    "sale", "gift-50", null, null, null, "itest-1")).id());
        } finally {
            tracker.close();
        }
    }

    @Test
    public void healthAndProblemsAreServedOverHttp() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        awaitResource("tender.health");
        // Health is public and tells only the status; what runs is for signed-in callers.
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(api("health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode());
        assertTrue(health.body(), health.body().startsWith("{\"status\":\"UP\",\"version\":"));
        assertFalse(health.body(), health.body().contains("sandbox"));
        HttpResponse<String> methods = http.send(AdminSession.owner(access).to(api("methods")).build(), HttpResponse.BodyHandlers.ofString());
        for (String method : List.of("booking-prepayment", "payment-link", "online-sales")) {
            assertTrue(methods.body(), methods.body().contains("\"id\":\"" + method + "\""));
        }

        HttpResponse<String> bad = http.send(AdminSession.owner(access).to(api("payments"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"locationId\":\"nowhere\",\"methodId\":\"payment-link\","
                        + "\"amount\":100,\"currency\":\"EUR\",\"purpose\":\"visit\",\"reference\":\"v1\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, bad.statusCode());
        assertEquals("application/problem+json", bad.headers().firstValue("Content-Type").orElse(""));
        assertTrue(bad.body(), bad.body().contains("\"field\":\"locationId\""));

        HttpResponse<String> malformed = http.send(AdminSession.owner(access).to(api("payments"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"amount\": 1.5}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, malformed.statusCode());
        assertTrue(malformed.body(), malformed.body().contains("\"field\":\"amount\""));
    }

    @Test
    public void theCatalogueIsPushedOverHttpBesideTheLocationsSettings() throws Exception {
        awaitResource("tender.catalog");
        HttpClient http = HttpClient.newHttpClient();
        assertEquals(201, send(http, "POST", "locations", "{\"id\":\"spa\",\"name\":\"Spa\"}").statusCode());
        String service = "{\"name\":\"Massage\",\"category\":\"Body\",\"price\":6000,\"maxPrice\":8000,\"currency\":\"EUR\"}";
        HttpResponse<String> saved = send(http, "PUT", "locations/spa/services/massage", service);
        assertEquals(saved.body(), 200, saved.statusCode());
        assertEquals(saved.body(), send(http, "PUT", "locations/spa/services/massage", service).body());
        assertEquals(200, send(http, "PUT", "locations/spa/employees/ines", "{\"name\":\"Ines\"}").statusCode());
        HttpResponse<String> booking = send(http, "PUT", "locations/spa/bookings/bk-1", "{\"serviceId\":\"massage\","
                + "\"employeeId\":\"ines\",\"clientName\":\"Eve\",\"startsAt\":\"2026-12-01T09:00:00Z\"}");
        assertTrue(booking.body(), booking.body().contains("\"status\":\"BOOKED\""));

        HttpResponse<String> unknownService = send(http, "PUT", "locations/spa/bookings/bk-2", "{\"serviceId\":\"facial\","
                + "\"clientName\":\"Eve\",\"startsAt\":\"2026-12-01T09:00:00Z\"}");
        assertEquals(404, unknownService.statusCode());
        assertTrue(unknownService.body(), unknownService.body().contains("\"field\":\"serviceId\""));
        HttpResponse<String> badRange = send(http, "PUT", "locations/spa/services/facial",
                "{\"name\":\"Facial\",\"price\":5000,\"maxPrice\":100,\"currency\":\"EUR\"}");
        assertEquals(400, badRange.statusCode());
        assertTrue(badRange.body(), badRange.body().contains("\"field\":\"maxPrice\""));

        // The location's own sub-resources answer beside the catalogue's.
        assertEquals(200, send(http, "GET", "locations/spa/methods", null).statusCode());
        assertEquals(200, send(http, "GET", "locations/spa/connections", null).statusCode());
        assertTrue(send(http, "GET", "locations/spa/services", null).body().contains("\"id\":\"massage\""));
    }

    private HttpResponse<String> send(HttpClient http, String method, String path, String json) throws Exception {
        return http.send(AdminSession.owner(access).to(api(path)).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The test runs inside the framework, in another class loader than the configuration: ask the framework for the port. */
    private URI api(String path) {
        return URI.create("http://localhost:" + context.getProperty("org.osgi.service.http.port") + "/api/" + path);
    }

    /** The whiteboard publishes resources asynchronously after the bundles start: wait until its runtime reports one. */
    private void awaitResource(String name) throws InterruptedException {
        Await.service(context, JakartarsServiceRuntime.class, runtime -> {
            ApplicationDTO application = runtime.getRuntimeDTO().defaultApplication;
            return application != null && Arrays.stream(application.resourceDTOs).anyMatch(r -> name.equals(r.name));
        }, "resource " + name + " published");
    }
}
