package io.tender.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import io.tender.api.MethodSetting;
import io.tender.api.Money;
import io.tender.api.Payment;
import io.tender.api.PaymentRequest;
import io.tender.api.PaymentService;
import io.tender.api.PaymentStatus;
import io.tender.api.SettingsService;
import io.tender.api.catalog.Booking;
import io.tender.api.catalog.CatalogService;
import io.tender.api.catalog.Service;
import io.tender.api.link.LinkItem;
import io.tender.api.link.NewPaymentLink;
import io.tender.api.link.PaymentLink;
import io.tender.api.link.PaymentLinkService;
// Only its constant is used here, inlined by the compiler: the framework side loads no stand-in class.
import io.tender.provider.stripe.StripeStandIn;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
 * The Stripe bundle as shipped in the distribution, against a local stand-in of Stripe's API
 * started beside the framework: Stripe serves payment links while the sandbox serves booking
 * prepayment at the same location; a signed checkout.session.completed settles the payment.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StripePaymentIT {

    private static final String STAND_IN = "tender.itest.stripe";
    private static final String SIGNING_SECRET = "whsec_itest_stripe_secret";

    @Inject
    private BundleContext context;

    @Inject
    private PaymentService payments;

    @Inject
    private SettingsService settings;

    @Inject
    private CatalogService catalog;

    @Inject
    private PaymentLinkService links;

    private final HttpClient http = HttpClient.newHttpClient();

    /** Runs in the test JVM before the framework starts: the stand-in lives outside it, like Stripe. */
    @Configuration
    public Option[] configuration() {
        return TenderDistribution.options(TenderDistribution.freePort(),
                systemProperty(STAND_IN).value(StripeStandInLauncher.start()));
    }

    @Test
    public void stripeServesLinksWhileTheSandboxServesPrepayment() throws Exception {
        String standIn = System.getProperty(STAND_IN);
        settings.createLocation("harbour", "Harbour Clinic");
        String sandbox = settings.connect("harbour", "sandbox", "Sandbox",
                Map.of("secretKey", "sk_sandbox_itest", "webhookSecret", "whsec_sandbox_it")).id();
        String stripeConnection = settings.connect("harbour", "stripe", "Stripe", Map.of("secretKey", StripeStandIn.GOOD_KEY,
                "webhookSecret", SIGNING_SECRET, "apiBase", standIn)).id();
        catalog.saveService(new Service("harbour", "physio", "Physiotherapy", null, Money.of(1000, "EUR"), null));
        catalog.saveBooking(new Booking("harbour", "booking-4", "physio", null, "Eve", null, null,
                Instant.parse("2026-12-01T09:00:00Z"), null, null));
        settings.configureMethod(new MethodSetting("harbour", "booking-prepayment", true, sandbox,
                Map.of("services", Map.of("physio", Map.of("mode", "REQUIRED")))));
        settings.configureMethod(new MethodSetting("harbour", "payment-link", true, stripeConnection));

        PaymentLink paymentLink = links.create(new NewPaymentLink("harbour", "goods", "sale-9",
                List.of(new LinkItem("Physiotherapy session", 1, Money.of(3000, "EUR"))), null, null));
        Payment link = payments.create(new PaymentRequest("harbour", "payment-link", null, "link", paymentLink.token(),
                null, "client@example.com", null, "link-9"));
        Payment prepayment = payments.create(new PaymentRequest("harbour", "booking-prepayment", null,
                "booking", "booking-4", null, null, null, null));
        assertEquals("stripe", link.providerId());
        assertEquals("sandbox", prepayment.providerId());
        assertEquals(PaymentStatus.PENDING, link.status());
        assertTrue(link.checkoutUrl().toString(), link.checkoutUrl().toString().startsWith(standIn + "/c/pay/cs_test_"));

        // The client pays on Stripe's hosted page; Stripe then sends the signed event.
        assertEquals(200, post(link.checkoutUrl(), "", Map.of()).statusCode());
        String session = get(URI.create(standIn + "/v1/checkout/sessions/" + link.providerReference()),
                "Bearer " + StripeStandIn.GOOD_KEY).body();
        long now = Instant.now().getEpochSecond();
        String event = "{\"id\":\"evt_it_completed\",\"object\":\"event\",\"api_version\":\"2025-01-27.acacia\",\"created\":"
                + now + ",\"livemode\":false,\"pending_webhooks\":1,\"type\":\"checkout.session.completed\","
                + "\"request\":{\"id\":null,\"idempotency_key\":null},\"data\":{\"object\":" + session + "}}";
        URI webhook = URI.create("http://localhost:" + context.getProperty("org.osgi.service.http.port")
                + "/api/webhooks/" + stripeConnection);
        Map<String, String> signed = Map.of("Stripe-Signature", "t=" + now + ",v1=" + hmac(now + "." + event));

        assertEquals(400, post(webhook, event.replace("\"paid\"", "\"unpaid\""), signed).statusCode());
        assertEquals(200, post(webhook, event, signed).statusCode());
        assertEquals(200, post(webhook, event, signed).statusCode());
        assertEquals(PaymentStatus.SUCCEEDED, payments.find(link.id()).orElseThrow().status());
        assertEquals(1, payments.history(link.id()).stream().filter(e -> e.type().equals("webhook")).count());

        assertEquals(PaymentStatus.PARTIALLY_REFUNDED, payments.refund(link.id(), Money.of(1000, "EUR"), "part").status());

        String requests = get(URI.create(standIn + "/_standin/requests"), null).body();
        assertTrue(requests, requests.contains("\"idempotency-key\":\"tender-checkout-" + link.id() + "\""));
        assertTrue(requests, requests.contains("\"metadata[tender_payment_id]\":\"" + link.id() + "\""));
        assertTrue(requests, requests.contains("\"path\":\"/v1/refunds\""));
        assertTrue(requests, requests.contains("\"idempotency-key\":\"tender-refund-"));
    }

    private HttpResponse<String> post(URI uri, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(URI uri, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String hmac(String payload) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SIGNING_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    }
}
