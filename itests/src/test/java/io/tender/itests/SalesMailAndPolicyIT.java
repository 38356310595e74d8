package io.tender.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import io.tender.api.access.AccessService;
import io.tender.api.Location;
import io.tender.api.MethodSetting;
import io.tender.api.Money;
import io.tender.api.Payment;
import io.tender.api.PaymentRequest;
import io.tender.api.PaymentService;
import io.tender.api.PaymentStatus;
import io.tender.api.SettingsService;
import io.tender.api.TenderException;
import io.tender.api.catalog.Booking;
import io.tender.api.catalog.CatalogService;
import io.tender.api.catalog.Service;
import io.tender.api.sales.Membership;
import io.tender.api.sales.SalesService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
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
import org.osgi.framework.BundleContext;

/**
 * Memberships sold in the shop and emailed over real SMTP (GreenMail), payment links emailed and marking their
 * visit paid, prepayment limited to client segments, and the cancellation policy; all in the
 * distribution's framework, with the sandbox provider and GreenMail.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SalesMailAndPolicyIT {

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
    private SalesService sales;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    /** Runs in the test JVM before the framework starts: the SMTP server is a process of its own. */
    @Configuration
    public Option[] configuration() throws Exception {
        MailServerLauncher.start();
        return TenderDistribution.options(TenderDistribution.freePort(),
                systemProperty(MailServerLauncher.SMTP_PORT).value(System.getProperty(MailServerLauncher.SMTP_PORT)),
                systemProperty(MailServerLauncher.API).value(System.getProperty(MailServerLauncher.API)));
    }

    private String api(String path) {
        return "http://localhost:" + context.getProperty("org.osgi.service.http.port") + "/api" + path;
    }

    private HttpResponse<String> send(String method, String url, String json, String... headers) throws Exception {
        HttpRequest.Builder request = AdminSession.owner(access).to(URI.create(url)).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Waits until the mail server received a message with the subject for the recipient, and
     * checks it came once and the location's outbox reads SENT.
     *
     * @return the message as GreenMail's API shows it, its raw MIME text included
     */
    private String awaitMail(String location, String recipient, String subject) throws Exception {
        URI inbox = URI.create(System.getProperty(MailServerLauncher.API) + "/user/" + recipient + "/messages/INBOX");
        String received = Await.until(() -> {
            try {
                return http.send(HttpRequest.newBuilder(inbox).build(), HttpResponse.BodyHandlers.ofString()).body();
            } catch (Exception e) {
                return e.toString();
            }
        }, text -> text.contains("\"subject\":\"" + subject + "\""), Duration.ofSeconds(20));
        String outbox = send("GET", api("/locations/" + location + "/mail/outbox"), null).body();
        assertTrue("not received: " + received + "; outbox: " + outbox, received.contains("\"subject\":\"" + subject + "\""));
        assertEquals(received, 1, received.split("\"subject\":\"" + subject + "\"", -1).length - 1);
        assertTrue(outbox, outbox.contains("\"recipient\":\"" + recipient + "\",\"subject\":\"" + subject
                + "\",\"status\":\"SENT\""));
        return received;
    }

    /** A location on the sandbox for the method, with email through GreenMail. */
    private String location(String id, String method) throws Exception {
        settings.createLocation(new Location(id, "Studio " + id, ZoneId.of("Europe/Berlin")));
        String connection = settings.connect(id, "sandbox", "Sandbox",
                Map.of("secretKey", "sk_sandbox_" + id, "webhookSecret", "whsec_" + id + "_secret")).id();
        settings.configureMethod(new MethodSetting(id, method, true, connection));
        HttpResponse<String> mail = send("PUT", api("/locations/" + id + "/mail"), "{\"host\":\"127.0.0.1\",\"port\":"
                + System.getProperty(MailServerLauncher.SMTP_PORT) + ",\"security\":\"NONE\",\"username\":\"tender\","
                + "\"password\":\"smtp-secret\",\"fromAddress\":\"" + id + "@salon.example\",\"fromName\":\"Studio " + id + "\"}");
        assertEquals(mail.body(), 200, mail.statusCode());
        assertTrue("the password is write-only: " + mail.body(), mail.body().contains("\"password\":\"********\"")
                && !mail.body().contains("smtp-secret"));
        return connection;
    }

    /** Pays an open checkout on the sandbox's page with its test card. */
    private void pay(URI checkout) throws Exception {
        HttpResponse<String> paid = http.send(AdminSession.owner(access).to(checkout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("action=pay&card=4242424242424242")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(paid.body(), 303, paid.statusCode());
    }

    private PaymentStatus awaitStatus(String paymentId, PaymentStatus expected) {
        return Await.until(() -> payments.find(paymentId).orElseThrow().status(), expected::equals, Duration.ofSeconds(20));
    }

    @Test
    public void aMembershipIsBoughtInTheShopEmailedAndItsLastVisitUsedOnce() throws Exception {
        location("members", "online-sales");
        catalog.saveService(new Service("members", "massage", "Massage", null, Money.of(8000, "EUR"), Money.of(8000, "EUR")));
        catalog.saveService(new Service("members", "facial", "Facial", null, Money.of(6000, "EUR"), Money.of(6000, "EUR")));
        HttpResponse<String> item = send("PUT", api("/locations/members/sales/spa-pass"), "{\"kind\":\"MEMBERSHIP\","
                + "\"name\":\"Spa pass\",\"price\":15000,\"currency\":\"EUR\",\"membership\":{\"serviceVisits\":"
                + "{\"massage\":2,\"facial\":1},\"validityDays\":90,\"validFrom\":\"FIRST_VISIT\"}}");
        assertEquals(item.body(), 200, item.statusCode());
        assertEquals(400, send("PUT", api("/locations/members/sales/bad"), "{\"kind\":\"MEMBERSHIP\",\"name\":\"Bad\","
                + "\"price\":100,\"currency\":\"EUR\",\"membership\":{\"visits\":3,\"validityDays\":30,\"validFrom\":\"SOMEDAY\"}}")
                .statusCode());

        URI shop = URI.create("http://localhost:" + context.getProperty("org.osgi.service.http.port") + "/shop/members");
        HttpResponse<String> noEmail = http.send(AdminSession.owner(access).to(shop).header("Content-Type",
                "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("item=spa-pass")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(noEmail.body(), noEmail.statusCode() == 400 && noEmail.body().contains("Please enter your email"));
        HttpResponse<String> buy = http.send(AdminSession.owner(access).to(shop).header("Content-Type",
                "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(
                        "item=spa-pass&email=mia%40example.com")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(buy.body(), 303, buy.statusCode());
        pay(URI.create(buy.headers().firstValue("Location").orElseThrow()));
        Payment payment = payments.findFor("members", "sale", "spa-pass").get(0);
        assertEquals(Money.of(15000, "EUR"), payment.amount());
        Membership membership = Await.until(() -> sales.membershipOf(payment.id()), Optional::isPresent,
                Duration.ofSeconds(20)).orElseThrow();

        String mail = awaitMail("members", "mia@example.com", "Your membership at Studio members");
        assertTrue(mail, mail.contains(membership.code()) && mail.contains("2 x Massage") && mail.contains("1 x Facial")
                && mail.contains("from your first visit"));

        // The facial can be used once: two receptions record it at the same moment, exactly one succeeds.
        String visit = "{\"locationId\":\"members\",\"serviceId\":\"facial\"}";
        CompletableFuture<HttpResponse<String>> first = http.sendAsync(AdminSession.owner(access).to(
                URI.create(api("/memberships/" + membership.code() + "/visits"))).header("Content-Type", "application/json")
                .header("Idempotency-Key", "desk-1").POST(HttpRequest.BodyPublishers.ofString(visit)).build(),
                HttpResponse.BodyHandlers.ofString());
        CompletableFuture<HttpResponse<String>> second = http.sendAsync(AdminSession.owner(access).to(
                URI.create(api("/memberships/" + membership.code() + "/visits"))).header("Content-Type", "application/json")
                .header("Idempotency-Key", "desk-2").POST(HttpRequest.BodyPublishers.ofString(visit)).build(),
                HttpResponse.BodyHandlers.ofString());
        List<Integer> statuses = List.of(first.get().statusCode(), second.get().statusCode());
        assertTrue(statuses.toString(), statuses.contains(200) && statuses.contains(409));
        HttpResponse<String> read = send("GET", api("/memberships/" + membership.code()), null);
        assertTrue(read.body(), read.body().contains("{\"serviceId\":\"facial\",\"total\":1,\"remaining\":0}")
                && read.body().contains("{\"serviceId\":\"massage\",\"total\":2,\"remaining\":2}")
                && !read.body().contains("\"startsAt\":null"));
        assertEquals(1, sales.visits(membership.code()).size());
        assertEquals("a visit without a location", 400, send("POST", api("/memberships/" + membership.code() + "/visits"),
                "{\"serviceId\":\"massage\"}").statusCode());
        assertEquals("terms holding null", 400, send("PUT", api("/locations/members/sales/nulls"), "{\"name\":\"N\","
                + "\"price\":100,\"currency\":\"EUR\",\"giftCard\":{\"locations\":[null]}}").statusCode());
        assertEquals(400, send("GET", api("/locations/members/mail/outbox?limit=abc"), null).statusCode());
        assertEquals(404, send("GET", api("/locations/nowhere/mail/outbox"), null).statusCode());
        assertEquals("a visit for a service it does not cover", 400, send("POST",
                api("/memberships/" + membership.code() + "/visits"), "{\"locationId\":\"members\",\"serviceId\":\"cut\"}")
                .statusCode());
    }

    @Test
    public void aLinkForAVisitIsEmailedAndPayingItMarksTheVisitPaid() throws Exception {
        location("links", "payment-link");
        catalog.saveService(new Service("links", "colour", "Colour", null, Money.of(9000, "EUR"), Money.of(9000, "EUR")));
        catalog.saveBooking(new Booking("links", "visit-1", "colour", null, "Noah", "noah@example.com", null,
                Instant.parse("2026-12-10T09:00:00Z"), null, null));
        // Link and mail settings carry versions too: a save from a stale version is refused and changes nothing.
        HttpResponse<String> linkSettings = send("GET", api("/locations/links/link-settings"), null);
        String linkTag = linkSettings.headers().firstValue("ETag").orElseThrow();
        assertEquals("\"0\"", linkTag);
        assertEquals(200, send("PUT", api("/locations/links/link-settings"), "{\"expiryHours\":48}", "If-Match", linkTag)
                .statusCode());
        assertEquals(412, send("PUT", api("/locations/links/link-settings"), "{\"expiryHours\":24}", "If-Match", linkTag)
                .statusCode());
        assertTrue(send("GET", api("/locations/links/link-settings"), null).body().contains("\"expiryHours\":48"));
        HttpResponse<String> staleMail = send("PUT", api("/locations/links/mail"), "{\"host\":\"127.0.0.1\",\"port\":25,"
                + "\"security\":\"NONE\",\"fromAddress\":\"x@salon.example\"}", "If-Match", "\"0\"");
        assertTrue(staleMail.body(), staleMail.statusCode() == 412);
        assertEquals("\"1\"", send("GET", api("/locations/links/mail"), null).headers().firstValue("ETag").orElseThrow());

        String linkBody = "{\"purpose\":\"visit\",\"reference\":\"visit-1\",\"currency\":\"EUR\",\"amount\":3000}";
        HttpResponse<String> created = send("POST", api("/locations/links/links"), linkBody, "Idempotency-Key", "link-visit-1");
        assertEquals(created.body(), 201, created.statusCode());
        assertEquals("a retry with the key gives the same link", created.body(),
                send("POST", api("/locations/links/links"), linkBody, "Idempotency-Key", "link-visit-1").body());
        assertEquals(422, send("POST", api("/locations/links/links"), linkBody.replace("3000", "2000"),
                "Idempotency-Key", "link-visit-1").statusCode());
        String location = "{\"id\":\"keyed\",\"name\":\"Keyed Studio\",\"timeZone\":\"Europe/Berlin\"}";
        HttpResponse<String> createdLocation = send("POST", api("/locations"), location, "Idempotency-Key", "loc-1");
        assertEquals(createdLocation.body(), 201, createdLocation.statusCode());
        assertEquals("a retry with the key replays", createdLocation.body(),
                send("POST", api("/locations"), location, "Idempotency-Key", "loc-1").body());
        assertEquals("the key for another location", 422, send("POST", api("/locations"),
                location.replace("Keyed Studio", "Other"), "Idempotency-Key", "loc-1").statusCode());
        assertEquals("the same location without its key", 409, send("POST", api("/locations"), location).statusCode());
        assertEquals("an existing location with a new key", 409,
                send("POST", api("/locations"), location, "Idempotency-Key", "loc-2").statusCode());
        HttpResponse<String> readLocation = send("GET", api("/locations/keyed"), null);
        assertEquals("\"1\"", readLocation.headers().firstValue("ETag").orElseThrow());
        HttpResponse<String> renamed = send("PUT", api("/locations/keyed"), "{\"name\":\"Keyed Studio 2\"}", "If-Match", "\"1\"");
        assertTrue(renamed.body(), renamed.statusCode() == 200 && renamed.body().contains("\"timeZone\":\"Europe/Berlin\"")
                && "\"2\"".equals(renamed.headers().firstValue("ETag").orElse("")));
        assertEquals("a rename from the old version", 412, send("PUT", api("/locations/keyed"), "{\"name\":\"Other\"}",
                "If-Match", "\"1\"").statusCode());
        assertTrue(send("GET", api("/locations/keyed"), null).body().contains("Keyed Studio 2"));
        Matcher token = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(created.body());
        assertTrue(token.find());
        Matcher url = Pattern.compile("\"url\":\"([^\"]+)\"").matcher(created.body());
        assertTrue(url.find());

        assertEquals(400, send("POST", api("/links/" + token.group(1) + "/email"), "{\"to\":\"not an address\"}").statusCode());
        HttpResponse<String> emailed = send("POST", api("/links/" + token.group(1) + "/email"),
                "{\"to\":\"noah@example.com\"}", "Idempotency-Key", "send-1");
        assertEquals(emailed.body(), 202, emailed.statusCode());
        String mailId = emailed.body().substring(0, emailed.body().indexOf(",\"recipient\""));
        assertTrue("a retry queues nothing more", send("POST", api("/links/" + token.group(1) + "/email"),
                "{\"to\":\"noah@example.com\"}", "Idempotency-Key", "send-1").body().startsWith(mailId));
        String mail = awaitMail("links", "noah@example.com", "Payment request from Studio links");
        assertTrue(mail, mail.contains(url.group(1)) && mail.contains("30.00 EUR (deposit)") && mail.contains("(Europe/Berlin)"));

        HttpResponse<String> page = http.send(AdminSession.owner(access).to(URI.create(url.group(1)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(page.body(), 303, page.statusCode());
        pay(URI.create(page.headers().firstValue("Location").orElseThrow()));
        String booking = Await.until(() -> {
            try {
                return send("GET", api("/locations/links/bookings/visit-1"), null).body();
            } catch (Exception e) {
                return "";
            }
        }, body -> body.contains("\"paid\":3000"), Duration.ofSeconds(20));
        assertTrue(booking, booking.contains("\"currency\":\"EUR\""));

        // A refund made by hand is taken off what the visit has paid.
        Payment linkPayment = payments.findFor("links", "link", token.group(1)).get(0);
        payments.refund(linkPayment.id(), Money.of(1000, "EUR"), "goodwill");
        assertTrue(send("GET", api("/locations/links/bookings/visit-1"), null).body().contains("\"paid\":2000"));

        // The business cancels the visit: what is left of the link's payment goes back, once.
        HttpResponse<String> cancelled = send("POST", api("/locations/links/bookings/visit-1/cancel"), "{\"byClient\":false}");
        assertTrue(cancelled.body(), cancelled.statusCode() == 200 && cancelled.body().contains("\"refunded\":2000")
                && cancelled.body().contains("\"paid\":0"));
        assertEquals(PaymentStatus.REFUNDED, payments.find(linkPayment.id()).orElseThrow().status());
    }

    @Test
    public void prepaymentAsksOnlyTheChosenClientSegments() throws Exception {
        String connection = location("segments", "booking-prepayment");
        catalog.saveService(new Service("segments", "cut", "Haircut", null, Money.of(4000, "EUR"), Money.of(4000, "EUR")));
        settings.configureMethod(new MethodSetting("segments", "booking-prepayment", true, connection, Map.of(
                "services", Map.of("cut", Map.of("mode", "REQUIRED", "amount", "PERCENT", "value", 50)),
                "segments", Map.of("newClients", true, "noShowClients", true))));
        // Lena's first visit was last week (booked through the host system, prepaid, confirmed).
        catalog.saveBooking(new Booking("segments", "first", "cut", null, "Lena", "lena@example.com", null,
                Instant.now().minus(Duration.ofDays(7)), null, null));
        Payment first = payments.create(new PaymentRequest("segments", "booking-prepayment", null, "booking", "first", null,
                null, null, null));
        assertEquals("a new client prepays", Money.of(2000, "EUR"), first.amount());
        pay(first.checkoutUrl());
        Await.until(() -> catalog.booking("segments", "first").orElseThrow().status(),
                io.tender.api.catalog.BookingStatus.CONFIRMED::equals, Duration.ofSeconds(20));

        catalog.saveBooking(new Booking("segments", "second", "cut", null, "Lena", "LENA@example.com", null,
                Instant.parse("2026-12-08T09:00:00Z"), null, null));
        try {
            payments.create(new PaymentRequest("segments", "booking-prepayment", null, "booking", "second", null, null, null, null));
            org.junit.Assert.fail("a returning client was asked to prepay");
        } catch (TenderException expected) {
            assertEquals(TenderException.Reason.INVALID, expected.reason());
        }

        // Lena missed her first visit: from now on she prepays again.
        HttpResponse<String> noShow = send("POST", api("/locations/segments/bookings/first/no-show"), null);
        assertTrue(noShow.body(), noShow.statusCode() == 200 && noShow.body().contains("\"status\":\"NO_SHOW\""));
        assertEquals(Money.of(2000, "EUR"), payments.create(new PaymentRequest("segments", "booking-prepayment", null,
                "booking", "second", null, null, null, null)).amount());
    }

    @Test
    public void aClientWhoCancelsLateGetsThePolicysPartAndEarlyTheWhole() throws Exception {
        String connection = location("policy", "booking-prepayment");
        catalog.saveService(new Service("policy", "massage", "Massage", null, Money.of(8000, "EUR"), Money.of(8000, "EUR")));
        settings.configureMethod(new MethodSetting("policy", "booking-prepayment", true, connection, Map.of(
                "services", Map.of("massage", Map.of("mode", "REQUIRED")),
                "cancellation", Map.of("fullRefundHours", 24, "lateRefundPercent", 50))));
        assertEquals(400, send("PUT", api("/locations/policy/methods/booking-prepayment"), "{\"enabled\":true,\"connectionId\":\""
                + connection + "\",\"options\":{\"cancellation\":{\"lateRefundPercent\":150}}}").statusCode());

        // Two admins read the setting; the first saves, the second's save is refused and changes nothing.
        HttpResponse<String> read = send("GET", api("/locations/policy/methods/booking-prepayment"), null);
        String etag = read.headers().firstValue("ETag").orElseThrow();
        String body = "{\"enabled\":true,\"connectionId\":\"" + connection + "\",\"options\":{\"services\":{\"massage\":"
                + "{\"mode\":\"REQUIRED\"}},\"cancellation\":{\"fullRefundHours\":24,\"lateRefundPercent\":50}}}";
        HttpResponse<String> firstSave = send("PUT", api("/locations/policy/methods/booking-prepayment"), body, "If-Match", etag);
        assertEquals(firstSave.body(), 200, firstSave.statusCode());
        assertTrue(!firstSave.headers().firstValue("ETag").orElseThrow().equals(etag));
        HttpResponse<String> secondSave = send("PUT", api("/locations/policy/methods/booking-prepayment"),
                body.replace("\"lateRefundPercent\":50", "\"lateRefundPercent\":0"), "If-Match", etag);
        assertTrue(secondSave.body(), secondSave.statusCode() == 412 && secondSave.body().contains("\"field\":\"If-Match\"")
                && secondSave.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));

        Payment late = prepaid("tomorrow-morning", Instant.now().plus(Duration.ofHours(10)));
        Payment early = prepaid("next-week", Instant.now().plus(Duration.ofDays(7)));

        HttpResponse<String> cancelled = send("POST", api("/locations/policy/bookings/tomorrow-morning/cancel"),
                "{\"byClient\":true}");
        assertTrue(cancelled.body(), cancelled.statusCode() == 200 && cancelled.body().contains("\"refunded\":4000")
                && cancelled.body().contains("\"status\":\"CANCELLED\"") && cancelled.body().contains("50 %"));
        awaitStatus(late.id(), PaymentStatus.PARTIALLY_REFUNDED);
        assertEquals(Money.of(4000, "EUR"), payments.find(late.id()).orElseThrow().refunded());
        HttpResponse<String> again = send("POST", api("/locations/policy/bookings/tomorrow-morning/cancel"),
                "{\"byClient\":true}");
        assertTrue(again.body(), again.statusCode() == 200 && again.body().contains("\"refunded\":0"));
        assertEquals("a repeated cancellation refunds nothing more", Money.of(4000, "EUR"),
                payments.find(late.id()).orElseThrow().refunded());
        assertTrue(send("GET", api("/locations/policy/bookings/tomorrow-morning"), null).body().contains("\"paid\":4000"));

        HttpResponse<String> inTime = send("POST", api("/locations/policy/bookings/next-week/cancel"), "{\"byClient\":true}");
        assertTrue(inTime.body(), inTime.body().contains("\"refunded\":8000"));
        awaitStatus(early.id(), PaymentStatus.REFUNDED);
        assertEquals(404, send("POST", api("/locations/policy/bookings/nothing/cancel"), "{}").statusCode());

        // The payments API lists them newest first, a page at a time, and filters by status.
        HttpResponse<String> first = send("GET", api("/payments?locationId=policy&limit=1"), null);
        Matcher cursor = Pattern.compile("\"nextCursor\":\"([^\"]+)\"").matcher(first.body());
        assertTrue(first.body(), first.statusCode() == 200 && first.body().contains("\"id\":\"" + early.id() + "\"")
                && cursor.find());
        String second = send("GET", api("/payments?locationId=policy&limit=1&cursor=" + cursor.group(1)), null).body();
        assertTrue(second, second.contains("\"id\":\"" + late.id() + "\"") && second.contains("\"nextCursor\":null"));
        String refunded = send("GET", api("/payments?locationId=policy&status=REFUNDED"), null).body();
        assertTrue(refunded, refunded.contains(early.id()) && !refunded.contains(late.id()));
        assertTrue(send("GET", api("/payments?status=LOST"), null).body().contains("\"field\":\"status\""));
        // The sandbox's connection form, from its metatype, for the console's "Connect".
        String form = send("GET", api("/providers/sandbox/form"), null).body();
        assertTrue(form, form.contains("{\"id\":\"secretKey\",\"name\":\"Secret key\"") && form.contains(
                "\"type\":\"password\",\"required\":true,\"secret\":true") && form.contains("\"id\":\"latencyMillis\"")
                && form.contains("\"type\":\"integer\",\"required\":false,\"secret\":false,\"multiple\":false,"
                        + "\"defaultValue\":[\"0\"]"));
        assertEquals(404, send("GET", api("/providers/nothing/form"), null).statusCode());
        HttpResponse<String> openApi = send("GET", api("/openapi.json"), null);
        assertTrue(openApi.statusCode() + "", openApi.statusCode() == 200 && openApi.body().contains("\"openapi\" : \"3.")
                && openApi.body().contains("\"operationId\" : \"searchPayments\""));
        assertEquals(400, send("GET", api("/payments?from=yesterday"), null).statusCode());
    }

    /** A booking of the massage, prepaid in full on the sandbox and confirmed. */
    private Payment prepaid(String bookingId, Instant startsAt) throws Exception {
        catalog.saveBooking(new Booking("policy", bookingId, "massage", null, "Ida", null, null, startsAt, null, null));
        Payment payment = payments.create(new PaymentRequest("policy", "booking-prepayment", null, "booking", bookingId, null,
                null, null, null));
        pay(payment.checkoutUrl());
        awaitStatus(payment.id(), PaymentStatus.SUCCEEDED);
        Await.until(() -> catalog.booking("policy", bookingId).orElseThrow().status(),
                io.tender.api.catalog.BookingStatus.CONFIRMED::equals, Duration.ofSeconds(20));
        return payment;
    }
}
