package io.tender.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.tender.api.PlatformInventory;
import io.tender.api.access.AccessService;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

/**
 * An owner deploys, updates, rolls back and removes a provider bundle over the API while Tender
 * runs; FileInstall does the rest from the deploy folder, as when an operator copies the jar.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ProviderDeployIT {

    @Inject
    private BundleContext context;

    @Inject
    private AccessService access;

    @Inject
    private PlatformInventory inventory;

    @Inject
    private io.tender.api.SettingsService settings;

    @Inject
    private io.tender.api.sales.SalesService sales;

    @Inject
    private io.tender.api.PaymentService payments;

    private final HttpClient http = HttpClient.newHttpClient();

    @Configuration
    public Option[] configuration() {
        return TenderDistribution.options(TenderDistribution.freePort());
    }

    private HttpResponse<String> send(String method, String path, byte[] body) throws Exception {
        URI uri = URI.create("http://localhost:" + context.getProperty("org.osgi.service.http.port") + "/api/" + path);
        return http.send(AdminSession.owner(access).to(uri).header("Content-Type", "application/java-archive")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private String page(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + context.getProperty("org.osgi.service.http.port")
                + path)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private boolean fixtureRuns() {
        return inventory.providers().stream().anyMatch(p -> p.descriptor().id().equals("fixture"));
    }

    /** @return the jar with another Bundle-Version (and, when asked, without its provider capability) */
    private static byte[] rewritten(byte[] jar, String version, boolean provider) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarInputStream in = new JarInputStream(new java.io.ByteArrayInputStream(jar))) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().put(new Attributes.Name("Bundle-Version"), version);
            if (!provider) {
                manifest.getMainAttributes().remove(new Attributes.Name("Provide-Capability"));
            }
            try (JarOutputStream copy = new JarOutputStream(out, manifest)) {
                for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                    copy.putNextEntry(new JarEntry(entry.getName()));
                    in.transferTo(copy);
                    copy.closeEntry();
                }
            }
        }
        return out.toByteArray();
    }

    @Test
    public void anOwnerDeploysUpdatesRollsBackAndRemovesAProviderBundle() throws Exception {
        byte[] fixture = Files.readAllBytes(TenderDistribution.FIXTURE_BUNDLE);
        assertFalse(fixtureRuns());

        HttpResponse<String> notAJar = send("PUT", "ops/providers/fixture.jar", "hello".getBytes());
        assertEquals(notAJar.body(), 400, notAJar.statusCode());
        assertTrue(notAJar.body(), notAJar.body().contains("\"field\":\"bundle\""));
        HttpResponse<String> noProvider = send("PUT", "ops/providers/fixture.jar", rewritten(fixture, "0.1.0", false));
        assertEquals(400, noProvider.statusCode());
        assertTrue(noProvider.body(), noProvider.body().contains("provides no"));
        assertEquals(400, send("PUT", "ops/providers/..%2Fescape.jar", fixture).statusCode());
        assertEquals("[]", send("GET", "ops/providers", null).body());

        HttpResponse<String> deployed = send("PUT", "ops/providers/fixture.jar", fixture);
        assertEquals(deployed.body(), 200, deployed.statusCode());
        assertTrue(deployed.body(), deployed.body().contains("\"state\":\"ACTIVE\""));
        assertTrue(deployed.body(), deployed.body().contains("\"providerIds\":[\"fixture\"]"));
        assertTrue(fixtureRuns());

        HttpResponse<String> updated = send("PUT", "ops/providers/fixture.jar", rewritten(fixture, "0.1.1", true));
        assertTrue(updated.body(), updated.body().contains("\"version\":\"0.1.1\""));
        assertTrue(updated.body(), updated.body().contains("\"previousVersion\":\"0.1.0.SNAPSHOT\""));
        assertTrue(updated.body(), updated.body().contains("\"state\":\"ACTIVE\""));
        assertTrue(fixtureRuns());
        assertEquals("updated in place, not installed anew", bundleId(deployed.body()), bundleId(updated.body()));

        HttpResponse<String> rolledBack = send("POST", "ops/providers/fixture.jar/rollback", null);
        assertEquals(rolledBack.body(), 200, rolledBack.statusCode());
        assertTrue(rolledBack.body(), rolledBack.body().contains("\"version\":\"0.1.0.SNAPSHOT\""));
        assertTrue(rolledBack.body(), rolledBack.body().contains("\"previousVersion\":\"0.1.1\""));

        // A location sells through the fixture: the shop is open while it runs.
        settings.createLocation("deploy-spa", "Deploy Spa");
        String connection = settings.connect("deploy-spa", "fixture", "Fixture", java.util.Map.of()).id();
        settings.configureMethod(new io.tender.api.MethodSetting("deploy-spa", "online-sales", true, connection));
        sales.saveItem(new io.tender.api.sales.SaleItem("deploy-spa", "gift-20", io.tender.api.sales.SaleItemKind.GIFT_CARD,
                "Gift card 20", null, io.tender.api.Money.of(2000, "EUR"), null, true, null, null));
        assertTrue(settings.offered("deploy-spa", "online-sales"));
        assertTrue(page("/shop/deploy-spa").contains("Gift card 20"));
        io.tender.api.Payment sold = payments.refresh(payments.create(new io.tender.api.PaymentRequest("deploy-spa", "online-sales",
                null, "sale", "gift-20", null, "buyer@example.com", null, "deploy-sale-1")).id());
        assertEquals(io.tender.api.PaymentStatus.SUCCEEDED, sold.status());

        assertEquals(204, send("DELETE", "ops/providers/fixture.jar", null).statusCode());
        assertFalse("removed: no longer routable", fixtureRuns());
        // Once it is away for longer than an update takes, its method is no longer offered to clients.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(15);
        while (settings.offered("deploy-spa", "online-sales") && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertFalse(settings.offered("deploy-spa", "online-sales"));
        assertTrue(page("/shop/deploy-spa").contains("The online shop is closed"));
        // Its payments keep their data; a refund now waits for the provider, then is refused as unavailable (503).
        assertEquals(io.tender.api.PaymentStatus.SUCCEEDED, payments.find(sold.id()).orElseThrow().status());
        try {
            payments.refund(sold.id(), null, "deploy-refund-1");
            org.junit.Assert.fail("refunded without its provider");
        } catch (io.tender.api.TenderException e) {
            assertEquals(io.tender.api.TenderException.Reason.PROVIDER_NOT_INSTALLED, e.reason());
        }
        assertEquals("[]", send("GET", "ops/providers", null).body());
        assertEquals(404, send("DELETE", "ops/providers/fixture.jar", null).statusCode());

        HttpResponse<String> restored = send("POST", "ops/providers/fixture.jar/rollback", null);
        assertTrue(restored.body(), restored.body().contains("\"state\":\"ACTIVE\""));
        assertTrue(fixtureRuns());
        assertTrue("offered again once it is back", settings.offered("deploy-spa", "online-sales"));
        // The same refund, retried with its key, goes through as soon as the provider is back.
        io.tender.api.Payment refunded = payments.refund(sold.id(), null, "deploy-refund-1");
        assertEquals(io.tender.api.PaymentStatus.REFUNDED, refunded.status());
        assertEquals(2000, refunded.refunded().minorUnits());
        assertTrue(page("/shop/deploy-spa").contains("Gift card 20"));
        String audit = send("GET", "audit", null).body();
        for (String action : new String[] {"provider.deploy", "provider.rollback", "provider.remove"}) {
            assertTrue(audit, audit.contains("\"action\":\"" + action + "\""));
        }
    }

    /** The Felix Web Console opens to owners signed in to Tender, and to nobody else, admin/admin included. */
    @Test
    public void theFelixWebConsoleIsForOwnersOnly() throws Exception {
        URI console = URI.create("http://localhost:" + context.getProperty("org.osgi.service.http.port") + "/system/console/bundles");
        HttpClient noRedirects = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        HttpResponse<String> owner;
        do {
            owner = noRedirects.send(AdminSession.owner(access).to(console).build(), HttpResponse.BodyHandlers.ofString());
            if (owner.statusCode() == 200) {
                break;
            }
            Thread.sleep(200); // the Web Console registers once the security provider is there
        } while (System.nanoTime() < deadline);
        assertEquals(200, owner.statusCode());
        assertTrue(owner.body().contains("io.tender.provider-template"));

        HttpResponse<String> anonymous = noRedirects.send(HttpRequest.newBuilder(console)
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("admin:admin".getBytes())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("admin/admin is off: sign in to Tender first", 302, anonymous.statusCode());
        assertTrue(anonymous.headers().firstValue("Location").orElse("").contains("/console/index.html"));

        settings.createLocation("console-spa", "Console Spa");
        access.createUser("lia@salon.example", "location admin 1", io.tender.api.access.Role.LOCATION_ADMIN, java.util.Set.of("console-spa"));
        io.tender.api.access.Session admin = access.signIn("lia@salon.example", "location admin 1").orElseThrow();
        HttpResponse<String> notOwner = noRedirects.send(HttpRequest.newBuilder(console).header("Cookie", "tender_session=" + admin.token())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, notOwner.statusCode());
    }

    private static String bundleId(String json) {
        java.util.regex.Matcher id = java.util.regex.Pattern.compile("\"bundleId\":(\\d+)").matcher(json);
        assertTrue(json, id.find());
        return id.group(1);
    }
}
