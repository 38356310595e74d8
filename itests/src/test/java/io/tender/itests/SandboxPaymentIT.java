package io.tender.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.tender.api.access.AccessService;
import io.tender.api.MethodSetting;
import io.tender.api.Money;
import io.tender.api.Payment;
import io.tender.api.PaymentRequest;
import io.tender.api.PaymentService;
import io.tender.api.PaymentStatus;
import io.tender.api.SettingsService;
import io.tender.api.catalog.Booking;
import io.tender.api.catalog.BookingStatus;
import io.tender.api.catalog.CatalogService;
import io.tender.api.catalog.Employee;
import io.tender.api.catalog.Service;
import io.tender.api.link.LinkItem;
import io.tender.api.link.LinkStatus;
import io.tender.api.link.NewPaymentLink;
import io.tender.api.link.PaymentLink;
import io.tender.api.link.PaymentLinkService;
import io.tender.api.sales.GiftCard;
import io.tender.api.sales.GiftCardTerms;
import io.tender.api.sales.SaleItem;
import io.tender.api.sales.SaleItemKind;
import io.tender.api.sales.SalesService;
import io.tender.api.method.PaymentMethod;
import java.time.Duration;
import java.time.Instant;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;

/**
 * A whole payment through the sandbox in the running distribution, over real HTTP: the client
 * opens the hosted checkout page, pays with a test card, the sandbox notifies Tender with a signed
 * webhook, and the payment is then refunded in two steps.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SandboxPaymentIT {

    @Inject
    private AccessService access;

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

    @Inject
    private SalesService sales;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Configuration
    public Option[] configuration() {
        return TenderDistribution.options(TenderDistribution.freePort());
    }

    @Test
    public void aClientPaysOnTheSandboxPageAndTheWebhookSettlesThePayment() throws Exception {
        awaitServlet("tender-sandbox-checkout");
        settings.createLocation("riverside", "Riverside Spa");
        String connection = settings.connect("riverside", "sandbox", "Sandbox",
                Map.of("secretKey", "sk_sandbox_itest", "webhookSecret", "whsec_itest_secret")).id();
        settings.configureMethod(new MethodSetting("riverside", "payment-link", true, connection));
        PaymentLink link = links.create(new NewPaymentLink("riverside", "goods", "sale-77",
                List.of(new LinkItem("Massage oil", 1, Money.of(4500, "EUR"))), null, null));
        URI linkPage = URI.create("http://localhost:" + context.getProperty("org.osgi.service.http.port") + "/pay/link/" + link.token());
        HttpResponse<String> linkShown = http.send(AdminSession.owner(access).to(linkPage).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(linkShown.body(), linkShown.body().contains("Massage oil") && linkShown.body().contains("Riverside Spa"));
        URI api = URI.create("http://localhost:" + context.getProperty("org.osgi.service.http.port") + "/api/links/" + link.token());
        HttpResponse<String> messages = http.send(AdminSession.owner(access).to(URI.create(api + "/messages")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(messages.body(), 200, messages.statusCode());
        assertTrue(messages.body(), messages.body().contains("\"sms\":\"Riverside Spa: please pay 45.00 EUR for Massage oil: "
                + linkPage + "\"") && messages.body().contains("\"copy\":\"" + linkPage + "\""));
        HttpResponse<String> qr = http.send(AdminSession.owner(access).to(URI.create(api + "/qr.svg")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("image/svg+xml", qr.headers().firstValue("Content-Type").orElse(""));
        assertTrue(qr.body(), qr.body().startsWith("<svg") && qr.body().contains("viewBox=\"0 0 "));
        HttpResponse<String> started = http.send(AdminSession.owner(access).to(linkPage).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(started.body(), 303, started.statusCode());
        HttpResponse<String> again = http.send(AdminSession.owner(access).to(linkPage).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("a second click reuses the open checkout", started.headers().firstValue("Location"),
                again.headers().firstValue("Location"));
        Payment payment = payments.findFor("riverside", "link", link.token()).get(0);
        assertEquals(1, payments.findFor("riverside", "link", link.token()).size());
        assertEquals(PaymentStatus.PENDING, payment.status());

        HttpResponse<String> page = http.send(AdminSession.owner(access).to(payment.checkoutUrl()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body(), page.body().contains("Riverside Spa") && page.body().contains("45.00 EUR"));

        HttpResponse<String> paid = http.send(AdminSession.owner(access).to(payment.checkoutUrl())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("action=pay&card=4242+4242+4242+4242")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(303, paid.statusCode());
        URI result = URI.create(paid.headers().firstValue("Location").orElseThrow());
        assertEquals("/pay/result/" + payment.id(), result.getPath());

        assertEquals(PaymentStatus.SUCCEEDED, awaitStatus(payment.id(), PaymentStatus.SUCCEEDED));
        assertTrue("settled by the sandbox's signed webhook", payments.history(payment.id()).stream()
                .anyMatch(e -> e.type().equals("webhook") && e.toStatus() == PaymentStatus.SUCCEEDED));
        // The event is in the inbox, stored with the provider's event id and applied to this payment.
        URI inbox = URI.create("http://localhost:" + context.getProperty("org.osgi.service.http.port")
                + "/api/ops/webhooks?state=PROCESSED");
        HttpResponse<String> events = http.send(AdminSession.owner(access).to(inbox).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(events.body(), 200, events.statusCode());
        assertTrue(events.body(), events.body().contains("\"paymentId\":\"" + payment.id() + "\"")
                && events.body().contains("\"connectionId\":\"" + connection + "\"") && events.body().contains("\"attempts\":1"));
        HttpResponse<String> badState = http.send(AdminSession.owner(access).to(URI.create(inbox.toString()
                .replace("PROCESSED", "LOST"))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, badState.statusCode());

        HttpResponse<String> resultPage = http.send(AdminSession.owner(access).to(result).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(resultPage.body(), resultPage.body().contains("Payment received"));

        assertEquals(PaymentStatus.PARTIALLY_REFUNDED, payments.refund(payment.id(), Money.of(1500, "EUR"), "r1").status());
        Payment refunded = payments.refund(payment.id(), null, "r2");
        assertEquals(PaymentStatus.REFUNDED, refunded.status());
        assertEquals(Money.of(4500, "EUR"), refunded.refunded());

        assertEquals(LinkStatus.PAID, awaitLink(link.token(), LinkStatus.PAID));
        HttpResponse<String> paidPage = http.send(AdminSession.owner(access).to(linkPage).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(paidPage.body(), paidPage.body().contains("Already paid"));
        try {
            payments.create(new PaymentRequest("riverside", "payment-link", null, "link", link.token(), null, null, null, null));
            org.junit.Assert.fail("a paid link was paid again");
        } catch (io.tender.api.TenderException e) {
            assertEquals("reference", e.field());
        }
    }

    private LinkStatus awaitLink(String token, LinkStatus expected) {
        return Await.until(() -> links.find(token).orElseThrow().status(), s -> s == expected, Duration.ofSeconds(10));
    }

    @Test
    public void connectionSettingsAreCheckedAgainstTheProvidersFormAndSecretsAreMasked() {
        settings.createLocation("formcheck", "Form Check");
        assertRefused(Map.of("secretKey", "sk_sandbox_form", "webhookSecret", "whsec_form_1", "latencyMillis", "abc"),
                "settings.latencyMillis");
        assertRefused(Map.of("secretKey", "sk_sandbox_form", "webhookSecret", "whsec_form_1", "latencyMillis", 99_999),
                "settings.latencyMillis");
        assertRefused(Map.of("secretKey", "sk_sandbox_form", "webhook_secret", "whsec_form_1"), "settings.webhook_secret");
        assertRefused(Map.of("webhookSecret", "whsec_form_1"), "settings.secretKey");
        assertEquals(0, settings.connections("formcheck").size());

        var connection = settings.connect("formcheck", "sandbox", "Sandbox", Map.of("secretKey", "sk_sandbox_form_0123456789",
                "webhookSecret", "whsec_form_1", "latencyMillis", 0));
        assertEquals("••••6789", connection.settings().get("secretKey"));
        assertEquals("••••", connection.settings().get("webhookSecret"));
        assertEquals("0", connection.settings().get("latencyMillis"));
    }

    private void assertRefused(Map<String, Object> form, String field) {
        try {
            settings.connect("formcheck", "sandbox", "Sandbox", form);
            org.junit.Assert.fail("accepted " + form.keySet());
        } catch (io.tender.api.TenderException e) {
            assertEquals(e.getMessage(), io.tender.api.TenderException.Reason.INVALID, e.reason());
            assertEquals(field, e.field());
        }
    }

    @Test
    public void aBookingThatNeedsThirtyPercentIsHeldPaidAndConfirmed() throws Exception {
        awaitServlet("tender-sandbox-checkout");
        settings.createLocation("salon", "Salon");
        catalog.saveService(new Service("salon", "cut", "Haircut", "Hair", Money.of(4000, "EUR"), null));
        catalog.saveEmployee(new Employee("salon", "anna", "Anna"));
        catalog.saveBooking(new Booking("salon", "bk-30", "cut", "anna", "Eve", "eve@example.com", null,
                Instant.parse("2026-12-01T09:00:00Z"), null, null));
        String connection = settings.connect("salon", "sandbox", "Sandbox",
                Map.of("secretKey", "sk_sandbox_salon", "webhookSecret", "whsec_salon_secret")).id();

        assertRefusedRules(connection, Map.of("cut", Map.of("mode", "REQUIRED", "amount", "PERCENT", "value", 150)),
                "options.services.cut.value");
        assertRefusedRules(connection, Map.of("cut", Map.of("mode", "REQUIRED", "amount", "FIXED", "value", 4001)),
                "options.services.cut.value");
        assertRefusedRules(connection, Map.of("perm", Map.of("mode", "REQUIRED")), "options.services.perm");
        settings.configureMethod(new MethodSetting("salon", "booking-prepayment", true, connection,
                Map.of("holdMinutes", 15, "services", Map.of("cut", Map.of("mode", "REQUIRED", "amount", "PERCENT", "value", 30)))));

        try {
            payments.create(new PaymentRequest("salon", "booking-prepayment", Money.of(100, "EUR"), "booking", "bk-30",
                    null, null, null, null));
            org.junit.Assert.fail("a tampered amount was charged");
        } catch (io.tender.api.TenderException e) {
            assertEquals("amount", e.field());
        }
        Payment payment = payments.create(new PaymentRequest("salon", "booking-prepayment", null, "booking", "bk-30",
                null, "eve@example.com", null, null));
        assertEquals(Money.of(1200, "EUR"), payment.amount());
        Booking held = catalog.booking("salon", "bk-30").orElseThrow();
        assertEquals(BookingStatus.HELD, held.status());
        assertTrue(held.holdUntil().isAfter(Instant.now().plusSeconds(14 * 60)));

        HttpResponse<String> paid = http.send(AdminSession.owner(access).to(payment.checkoutUrl())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("action=pay&card=4242424242424242")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(303, paid.statusCode());
        assertEquals(PaymentStatus.SUCCEEDED, awaitStatus(payment.id(), PaymentStatus.SUCCEEDED));
        // The method is told after the payment's change is committed: the booking follows a moment later.
        assertEquals(BookingStatus.CONFIRMED, awaitBooking("salon", "bk-30", BookingStatus.CONFIRMED));
        String resultPage = get(URI.create(paid.headers().firstValue("Location").orElseThrow()));
        assertTrue(resultPage, resultPage.contains("Your booking is confirmed."));
    }

    @Test
    public void anUnpaidBookingIsReleasedAfterItsHoldAndALatePaymentIsRefunded() throws Exception {
        awaitServlet("tender-sandbox-checkout");
        settings.createLocation("holds", "Holds");
        catalog.saveService(new Service("holds", "nails", "Nails", null, Money.of(3000, "EUR"), null));
        String connection = settings.connect("holds", "sandbox", "Sandbox",
                Map.of("secretKey", "sk_sandbox_holds", "webhookSecret", "whsec_holds_secret")).id();
        settings.configureMethod(new MethodSetting("holds", "booking-prepayment", true, connection,
                Map.of("services", Map.of("nails", Map.of("mode", "REQUIRED")))));
        for (String id : List.of("unpaid", "late")) {
            catalog.saveBooking(new Booking("holds", id, "nails", null, "Eve", null, null, Instant.parse("2026-12-02T10:00:00Z"),
                    null, null));
        }

        Payment unpaid = payments.create(new PaymentRequest("holds", "booking-prepayment", null, "booking", "unpaid",
                null, null, null, null));
        // Let the hold run out now rather than in 15 minutes; the sweeper runs every second here.
        catalog.moveBooking("holds", "unpaid", BookingStatus.HELD, BookingStatus.HELD, Instant.now().minusSeconds(1));
        assertEquals(BookingStatus.RELEASED, awaitBooking("holds", "unpaid", BookingStatus.RELEASED));
        assertEquals(PaymentStatus.CANCELED, awaitStatus(unpaid.id(), PaymentStatus.CANCELED));

        Payment late = payments.create(new PaymentRequest("holds", "booking-prepayment", null, "booking", "late",
                null, null, null, null));
        http.send(AdminSession.owner(access).to(late.checkoutUrl()).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("action=pay&card=4242424242424242")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(PaymentStatus.SUCCEEDED, awaitStatus(late.id(), PaymentStatus.SUCCEEDED));
        assertEquals(BookingStatus.CONFIRMED, awaitBooking("holds", "late", BookingStatus.CONFIRMED));

        // Two checkouts of one booking (two tabs), both paid: the second payment is refunded.
        catalog.saveBooking(new Booking("holds", "twice", "nails", null, "Eve", null, null, Instant.parse("2026-12-02T11:00:00Z"),
                null, null));
        Payment firstTab = payments.create(new PaymentRequest("holds", "booking-prepayment", null, "booking", "twice",
                null, null, null, null));
        Payment secondTab = payments.create(new PaymentRequest("holds", "booking-prepayment", null, "booking", "twice",
                null, null, null, null));
        for (Payment tab : List.of(firstTab, secondTab)) {
            http.send(AdminSession.owner(access).to(tab.checkoutUrl()).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("action=pay&card=4242424242424242")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (tab == firstTab) {
                assertEquals(BookingStatus.CONFIRMED, awaitBooking("holds", "twice", BookingStatus.CONFIRMED));
            }
        }
        // The second succeeds and is refunded at once, as a duplicate of the payment that confirmed the booking.
        assertEquals(PaymentStatus.REFUNDED, awaitStatus(secondTab.id(), PaymentStatus.REFUNDED));
        assertEquals(firstTab.id(), catalog.booking("holds", "twice").orElseThrow().paymentId());
        assertEquals(PaymentStatus.SUCCEEDED, payments.find(firstTab.id()).orElseThrow().status());
        assertEquals(BookingStatus.CONFIRMED, catalog.booking("holds", "twice").orElseThrow().status());
        // As if the hold had run out just before the money arrived: the method refunds it.
        catalog.moveBooking("holds", "late", BookingStatus.CONFIRMED, BookingStatus.RELEASED, null);
        PaymentMethod prepayment = context.getService(context.getServiceReferences(PaymentMethod.class,
                "(tender.method.id=booking-prepayment)").iterator().next());
        prepayment.settled(payments.find(late.id()).orElseThrow());
        prepayment.settled(payments.find(late.id()).orElseThrow());
        Payment refunded = payments.find(late.id()).orElseThrow();
        assertEquals(PaymentStatus.REFUNDED, refunded.status());
        assertEquals(Money.of(3000, "EUR"), refunded.refunded());
    }

    private BookingStatus awaitBooking(String locationId, String bookingId, BookingStatus expected) {
        return Await.until(() -> catalog.booking(locationId, bookingId).orElseThrow().status(), s -> s == expected,
                Duration.ofSeconds(10));
    }

    @Test
    public void theBookingWidgetAsksForPrepaymentOnlyWhereTheRulesDo() throws Exception {
        awaitServlet("tender-booking-widget");
        settings.createLocation("widget", "Widget Studio");
        catalog.saveService(new Service("widget", "brows", "Brows", null, Money.of(2000, "EUR"), null));
        catalog.saveService(new Service("widget", "consult", "Consultation", null, Money.of(5000, "EUR"), null));
        URI form = URI.create("http://localhost:" + context.getProperty("org.osgi.service.http.port") + "/book/widget");
        assertTrue(get(form).contains("Brows"));

        // Not enabled yet: booked, paid at the visit, never an error.
        assertTrue(book(form, "brows").contains("You pay at the visit"));

        String connection = settings.connect("widget", "sandbox", "Sandbox",
                Map.of("secretKey", "sk_sandbox_widget", "webhookSecret", "whsec_widget_secret")).id();
        settings.configureMethod(new MethodSetting("widget", "booking-prepayment", true, connection,
                Map.of("services", Map.of("brows", Map.of("mode", "REQUIRED")))));
        String step = book(form, "brows");
        assertTrue(step, step.contains("Prepayment required") && step.contains("20.00 EUR") && step.contains("/sandbox/checkout/"));
        assertTrue(book(form, "consult").contains("You pay at the visit"));
        assertTrue(http.send(AdminSession.owner(access).to(form).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("service=brows&name=Eve&time=tomorrow")).build(),
                HttpResponse.BodyHandlers.ofString()).body().contains("Please check time"));
    }

    @Test
    public void aGiftCardIsBoughtInTheShopIssuedAndRedeemedConcurrentlyWithoutGoingBelowZero() throws Exception {
        awaitServlet("tender-shop");
        settings.createLocation("giftshop", "Gift Shop Spa");
        String port = context.getProperty("org.osgi.service.http.port");
        URI shop = URI.create("http://localhost:" + port + "/shop/giftshop");
        sales.saveItem(new SaleItem("giftshop", "gift-any", SaleItemKind.GIFT_CARD, "Gift card", "Any amount",
                Money.of(1000, "EUR"), Money.of(20000, "EUR"), true, new GiftCardTerms(365, null, false, null, null), null));
        assertTrue(get(shop).contains("shop is closed"));

        String connection = settings.connect("giftshop", "sandbox", "Sandbox",
                Map.of("secretKey", "sk_sandbox_gifts", "webhookSecret", "whsec_gifts_secret")).id();
        settings.configureMethod(new MethodSetting("giftshop", "online-sales", true, connection));
        assertTrue(get(shop).contains("Gift card"));
        HttpResponse<String> tooMuch = http.send(AdminSession.owner(access).to(shop).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("item=gift-any&amount=500")).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(tooMuch.body(), tooMuch.body().contains("choose an amount from 10.00 EUR to 200.00 EUR"));
        HttpResponse<String> buy = http.send(AdminSession.owner(access).to(shop).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("item=gift-any&amount=50")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(buy.body(), 303, buy.statusCode());
        URI checkout = URI.create(buy.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> paid = http.send(AdminSession.owner(access).to(checkout).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("action=pay&card=4242424242424242")).build(),
                HttpResponse.BodyHandlers.ofString());
        String result = get(URI.create(paid.headers().firstValue("Location").orElseThrow()));
        Payment payment = payments.findFor("giftshop", "sale", "gift-any").get(0);
        assertEquals(Money.of(5000, "EUR"), payment.amount());
        GiftCard card = Await.until(() -> sales.giftCardOf(payment.id()), Optional::isPresent, Duration.ofSeconds(10)).orElseThrow();
        assertEquals(Money.of(5000, "EUR"), card.balance());
        assertTrue(get(URI.create(paid.headers().firstValue("Location").orElseThrow())).contains(card.code()));

        // Two tills redeem 30.00 EUR at the same moment: one succeeds, one is refused, the balance stays at 20.00.
        URI redeem = URI.create("http://localhost:" + port + "/api/gift-cards/" + card.code() + "/redemptions");
        String body = "{\"locationId\":\"giftshop\",\"amount\":3000,\"currency\":\"EUR\"}";
        var first = http.sendAsync(AdminSession.owner(access).to(redeem).header("Content-Type", "application/json")
                .header("Idempotency-Key", "till-1").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        var second = http.sendAsync(AdminSession.owner(access).to(redeem).header("Content-Type", "application/json")
                .header("Idempotency-Key", "till-2").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        List<Integer> statuses = List.of(first.get().statusCode(), second.get().statusCode());
        assertTrue(statuses.toString(), statuses.contains(200) && statuses.contains(400));
        assertEquals(Money.of(2000, "EUR"), sales.giftCard(card.code()).orElseThrow().balance());
        assertEquals(2, sales.movements(card.code()).size());

        // Once its purchase is refunded, the card is worth nothing.
        payments.refund(payment.id(), Money.of(1000, "EUR"), "refund-gift");
        try {
            sales.redeem(card.code(), "giftshop", null, Money.of(100, "EUR"), null);
            org.junit.Assert.fail("a refunded gift card was redeemed");
        } catch (io.tender.api.TenderException e) {
            assertEquals(io.tender.api.TenderException.Reason.CONFLICT, e.reason());
        }
        assertTrue(result, result.contains("Payment received"));
    }

    private String get(URI uri) throws Exception {
        return http.send(AdminSession.owner(access).to(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private String book(URI form, String service) throws Exception {
        return http.send(AdminSession.owner(access).to(form).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("service=" + service + "&employee=&time=2026-12-03T10%3A00"
                        + "&name=Eve&email=eve%40example.com")).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private void assertRefusedRules(String connection, Map<String, Object> services, String field) {
        try {
            settings.configureMethod(new MethodSetting("salon", "booking-prepayment", true, connection,
                    Map.of("services", services)));
            org.junit.Assert.fail("accepted " + services);
        } catch (io.tender.api.TenderException e) {
            assertEquals(e.getMessage(), field, e.field());
        }
    }

    @Test
    public void unknownCheckoutsAnswerAClearPage() throws Exception {
        awaitServlet("tender-sandbox-checkout");
        HttpResponse<String> missing = http.send(AdminSession.owner(access).to(URI.create("http://localhost:"
                + context.getProperty("org.osgi.service.http.port") + "/sandbox/checkout/cs_sbx_000000000000000000000000"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body(), missing.body().contains("Checkout not found"));
    }

    /** The webhook is delivered on the sandbox's own thread: wait for the ledger to show it. */
    private PaymentStatus awaitStatus(String paymentId, PaymentStatus expected) {
        return Await.until(() -> payments.find(paymentId).orElseThrow().status(), s -> s == expected, Duration.ofSeconds(10));
    }

    private void awaitServlet(String name) throws InterruptedException {
        Await.service(context, HttpServiceRuntime.class, runtime -> Arrays.stream(runtime.getRuntimeDTO().servletContextDTOs)
                .flatMap(c -> Arrays.stream(c.servletDTOs)).anyMatch(servlet -> name.equals(servlet.name)),
                "servlet " + name + " registered");
    }
}
