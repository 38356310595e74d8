package io.tender.core.internal.payments;

import static io.tender.core.internal.payments.CoreFixture.eur;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tender.api.MethodSetting;
import io.tender.api.Money;
import io.tender.api.Payment;
import io.tender.api.PaymentEvent;
import io.tender.api.PaymentRequest;
import io.tender.api.PaymentStatus;
import io.tender.api.webhook.InboxedWebhook;
import io.tender.api.TenderException;
import io.tender.api.TenderException.Reason;
import io.tender.api.provider.ProviderErrorKind;
import io.tender.api.provider.ProviderEvent;
import io.tender.api.provider.ProviderStatus;
import io.tender.api.provider.WebhookRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PaymentProcessorTest {

    CoreFixture core;
    private FakeProvider acme;
    private String acmeConnection;

    @BeforeEach
    void setUp() throws Exception {
        core = newFixture();
        acme = new FakeProvider("acme", "EUR");
        core.providers.put("acme", acme);
        core.settings.createLocation("downtown", "Downtown");
        acmeConnection = core.settings.connect("downtown", "acme", "Acme", Map.of("key", "good")).id();
        core.settings.configureMethod(new MethodSetting("downtown", "payment-link", true, acmeConnection));
    }

    @AfterEach
    void tearDown() {
        core.close();
    }

    /** The platform these tests run on: H2 here, PostgreSQL in {@link PostgresPaymentProcessorTest}. */
    CoreFixture newFixture() throws Exception {
        return new CoreFixture();
    }

    private static PaymentRequest link(long amount, String key) {
        return new PaymentRequest("downtown", "payment-link", eur(amount), "visit", "visit-1", null, null, null, key);
    }

    private long paymentCount() {
        return core.store.inTransaction(db -> {
            var rows = db.createStatement().executeQuery("SELECT COUNT(*) FROM payment");
            rows.next();
            return rows.getLong(1);
        });
    }

    @Test
    void aConnectionRetriedWithItsKeyIsStoredAndCheckedOnce() {
        long verifiesBefore = acme.calls.stream().filter(c -> c.startsWith("verify")).count();
        var first = core.settings.connect("downtown", "acme", "Acme 2", Map.of("key", "good"), "connect-1");
        var again = core.settings.connect("downtown", "acme", "Acme 2", Map.of("key", "good"), "connect-1");
        assertThat(again).isEqualTo(first);
        assertThat(acme.calls.stream().filter(c -> c.startsWith("verify")).count()).isEqualTo(verifiesBefore + 1);
        assertThatThrownBy(() -> core.settings.connect("downtown", "acme", "Acme 2", Map.of("key", "other"), "connect-1"))
                .isInstanceOfSatisfying(TenderException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.KEY_REUSED);
                    assertThat(e.field()).isEqualTo("idempotencyKey");
                });
        assertThat(core.settings.connections("downtown")).hasSize(2);
    }

    @Test
    void aMethodSettingSavedMeanwhileIsNotOverwritten() throws Exception {
        MethodSetting read = core.settings.methodSettings("downtown").stream()
                .filter(m -> m.methodId().equals("booking-prepayment")).findFirst().orElseThrow();
        assertThat(read.version()).as("never saved").isZero();
        MethodSetting first = core.settings.configureMethod(new MethodSetting("downtown", "booking-prepayment", true,
                acmeConnection), 0L);
        assertThat(first.version()).isEqualTo(1);
        assertThatThrownBy(() -> core.settings.configureMethod(new MethodSetting("downtown", "booking-prepayment", false,
                null), 0L)).isInstanceOfSatisfying(TenderException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.PRECONDITION_FAILED));
        assertThat(core.settings.methodSettings("downtown").stream().filter(m -> m.methodId().equals("booking-prepayment"))
                .findFirst().orElseThrow().enabled()).as("the refused save changed nothing").isTrue();
        assertThat(core.settings.configureMethod(new MethodSetting("downtown", "booking-prepayment", false, null), 1L).version())
                .isEqualTo(2);
        assertThat(core.settings.configureMethod(new MethodSetting("downtown", "booking-prepayment", true, acmeConnection))
                .version()).as("without an expected version it saves").isEqualTo(3);

        // Admin A saves from version 3 and holds the row; admin B, also from version 3, must wait for
        // A's commit and then be refused: the comparison happens under the row's lock.
        java.util.concurrent.CountDownLatch aSaved = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch aMayCommit = new java.util.concurrent.CountDownLatch(1);
        io.tender.core.internal.settings.SettingsRepository repository = new io.tender.core.internal.settings.SettingsRepository();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var a = pool.submit(() -> core.store.inTransaction(db -> {
                long version = repository.saveMethodSetting(db, new MethodSetting("downtown", "booking-prepayment", false, null),
                        3L, java.time.Instant.now());
                aSaved.countDown();
                try {
                    aMayCommit.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return version;
            }));
            aSaved.await();
            var b = pool.submit(() -> save(3L, true));
            Thread.sleep(300);
            assertThat(b.isDone()).as("B waits for A's lock").isFalse();
            aMayCommit.countDown();
            assertThat(a.get()).isEqualTo(4);
            assertThat(b.get()).as("B read version 3, which is gone").isFalse();
        } finally {
            aMayCommit.countDown();
            pool.shutdownNow();
        }
    }

    private boolean save(long expected, boolean enabled) {
        try {
            core.settings.configureMethod(new MethodSetting("downtown", "booking-prepayment", enabled,
                    enabled ? acmeConnection : null), expected);
            return true;
        } catch (TenderException e) {
            return false;
        }
    }

    @Test
    void searchPagesPaymentsCreatedAtTheSameMomentEachOnceByTheirIds() {
        java.time.Instant same = java.time.Instant.parse("2026-11-01T10:00:00Z");
        for (String id : java.util.List.of("pay_b", "pay_e", "pay_a", "pay_d", "pay_c")) {
            Payment payment = new Payment(id, "downtown", "payment-link", acmeConnection, "acme", eur(100), eur(0), "visit", id,
                    "x", null, PaymentStatus.SUCCEEDED, null, null, null, null, same, same);
            core.store.inTransaction(db -> {
                new io.tender.core.internal.ledger.PaymentLedger(java.time.Duration.ofMinutes(5)).insert(db, payment,
                        new io.tender.core.internal.ledger.CheckoutTerms(null, null, null), null, "fp");
                return null;
            });
        }
        for (int limit : new int[] {1, 2}) {
            java.util.List<String> seen = new java.util.ArrayList<>();
            String cursor = null;
            do {
                io.tender.api.PaymentPage page = core.payments.search(new io.tender.api.PaymentQuery("downtown", null, null,
                        same, same.plusSeconds(1), null, cursor, limit));
                page.payments().forEach(p -> seen.add(p.id()));
                cursor = page.nextCursor();
            } while (cursor != null);
            assertThat(seen).as("limit " + limit).containsExactly("pay_e", "pay_d", "pay_c", "pay_b", "pay_a");
        }
    }

    @Test
    void searchPagesNewestFirstByCursorAndFilters() {
        java.util.List<String> created = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            core.clock.advance(Duration.ofMillis(1));
            created.add(core.payments.create(new PaymentRequest("downtown", "payment-link", eur(1000 + i), "visit", "v" + i,
                    null, i % 2 == 0 ? "Ann.Lee@Example.com" : "bob@example.com", null, null)).id());
        }
        java.util.Collections.reverse(created);
        java.util.List<String> seen = new java.util.ArrayList<>();
        String cursor = null;
        do {
            io.tender.api.PaymentPage page = core.payments.search(new io.tender.api.PaymentQuery("downtown", null, null, null,
                    null, null, cursor, 2));
            assertThat(page.payments().size()).isLessThanOrEqualTo(2);
            page.payments().forEach(p -> seen.add(p.id()));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(seen).as("newest first, each once").isEqualTo(created);

        assertThat(core.payments.search(new io.tender.api.PaymentQuery(null, "payment-link", PaymentStatus.PENDING, null, null,
                "ann.lee@", null, 50)).payments()).hasSize(3);
        assertThat(core.payments.search(new io.tender.api.PaymentQuery("downtown", null, null, null, null, "%", null, 50))
                .payments()).as("wildcards are text").isEmpty();
        assertThat(core.payments.search(new io.tender.api.PaymentQuery("elsewhere", null, null, null, null, null, null, 50))
                .payments()).isEmpty();
        assertThatThrownBy(() -> core.payments.search(new io.tender.api.PaymentQuery(null, null, null, null, null, null,
                "not-a-cursor", 10))).isInstanceOfSatisfying(TenderException.class, e -> assertThat(e.field()).isEqualTo("cursor"));
        assertThatThrownBy(() -> core.payments.search(new io.tender.api.PaymentQuery(null, null, null, null, null, null, null, 0)))
                .isInstanceOfSatisfying(TenderException.class, e -> assertThat(e.field()).isEqualTo("limit"));
    }

    @Test
    void recordsThePaymentBeforeCallingTheProviderAndOpensACheckout() {
        Payment payment = core.payments.create(link(2000, null));

        assertThat(payment.status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(payment.amount()).isEqualTo(eur(2000));
        assertThat(payment.connectionId()).isEqualTo(acmeConnection);
        assertThat(payment.checkoutUrl()).hasToString("https://pay.example/" + payment.providerReference());
        assertThat(acme.calls).contains("checkout " + acmeConnection + " tender-checkout-" + payment.id() + " 20.00 EUR");
        assertThat(core.payments.history(payment.id())).extracting(PaymentEvent::type, PaymentEvent::toStatus)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("created", PaymentStatus.CREATED),
                        org.assertj.core.groups.Tuple.tuple("checkout-opened", PaymentStatus.PENDING));
    }

    @Test
    void theSameIdempotencyKeyCreatesOnePaymentAndOneCheckout() {
        Payment first = core.payments.create(link(2000, "key-1"));
        Payment again = core.payments.create(link(2000, "key-1"));

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(acme.count("checkout")).isEqualTo(1);
        assertThat(paymentCount()).isEqualTo(1);
        assertThatThrownBy(() -> core.payments.create(link(2500, "key-1")))
                .isInstanceOfSatisfying(TenderException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.KEY_REUSED);
                    assertThat(e.field()).isEqualTo("idempotencyKey");
                });
    }

    @Test
    void concurrentRequestsWithOneKeyMakeOnePayment() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> tasks = java.util.stream.IntStream.range(0, 32)
                    .mapToObj(i -> (Callable<String>) () -> core.payments.create(link(2000, "race")).id())
                    .toList();
            List<String> ids = pool.invokeAll(tasks).stream().map(f -> {
                try {
                    return f.get();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }).toList();
            assertThat(ids).containsOnly(ids.get(0));
            assertThat(paymentCount()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void badRequestsAreRefusedWithTheFieldAndRecordNothing() {
        assertRefused(new PaymentRequest("nowhere", "payment-link", eur(100), "visit", "v", null, null, null, null),
                Reason.NOT_FOUND, "locationId");
        assertRefused(new PaymentRequest("downtown", "booking-prepayment", eur(100), "visit", "v", null, null, null, null),
                Reason.INVALID, "methodId");
        assertRefused(new PaymentRequest("downtown", "no-such-method", eur(100), "visit", "v", null, null, null, null),
                Reason.NOT_FOUND, "methodId");
        assertRefused(() -> core.settings.connect("downtown", "no-such-provider", "X", Map.of()), Reason.NOT_FOUND, "providerId");
        assertRefused(link(0, null), Reason.INVALID, "amount");
        assertRefused(new PaymentRequest("downtown", "payment-link", eur(100), "visit", "free", null, null, null, null),
                Reason.INVALID, "reference");
        assertRefused(link(-5, null), Reason.INVALID, "amount");
        assertRefused(new PaymentRequest("downtown", "payment-link", Money.of(100, "USD"), "visit", "v", null, null, null, null),
                Reason.INVALID, "currency");
        assertRefused(new PaymentRequest("downtown", "payment-link", eur(100), "", "v", null, null, null, null),
                Reason.INVALID, "purpose");
        assertRefused(new PaymentRequest("downtown", "payment-link", eur(100), "visit", "v", null, "not-an-email", null, null),
                Reason.INVALID, "customerEmail");
        assertThat(paymentCount()).isZero();
        assertThat(acme.count("checkout")).isZero();
    }

    @Test
    void aProviderThatIsNotInstalledIsAClearErrorAndChangesNothing() {
        core.providers.remove("acme");
        assertRefused(link(100, null), Reason.PROVIDER_NOT_INSTALLED, null);
        assertThat(paymentCount()).isZero();
    }

    @Test
    void providerOutcomesAreKeptApart() {
        acme.failNextCheckout = ProviderErrorKind.DECLINED;
        assertThat(core.payments.create(link(100, null)).status()).isEqualTo(PaymentStatus.DECLINED);
        acme.failNextCheckout = ProviderErrorKind.UNAVAILABLE;
        assertThat(core.payments.create(link(100, null)).status()).isEqualTo(PaymentStatus.FAILED);
        acme.failNextCheckout = ProviderErrorKind.TIMEOUT;
        Payment unknown = core.payments.create(link(100, null));
        assertThat(unknown.status()).isEqualTo(PaymentStatus.UNKNOWN);
        assertThat(unknown.failureReason()).contains("TIMEOUT");

        // Recovery asks again with the same idempotency key: the provider opens (or returns) one checkout.
        Payment recovered = core.payments.refresh(unknown.id());
        assertThat(recovered.status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(acme.calls).filteredOn(c -> c.contains("tender-checkout-" + unknown.id())).hasSize(2);
    }

    @Test
    void refundsAreBoundedByWhatWasCapturedAndIdempotent() {
        Payment payment = core.payments.create(link(5000, null));
        assertThatThrownBy(() -> core.payments.refund(payment.id(), null, null))
                .isInstanceOfSatisfying(TenderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CONFLICT));
        acme.state = ProviderStatus.SUCCEEDED;
        assertThat(core.payments.refresh(payment.id()).status()).isEqualTo(PaymentStatus.SUCCEEDED);

        Payment partly = core.payments.refund(payment.id(), eur(2000), "r1");
        assertThat(partly.status()).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);
        assertThat(partly.refunded()).isEqualTo(eur(2000));
        assertThat(core.payments.refund(payment.id(), eur(2000), "r1").refunded()).isEqualTo(eur(2000));
        assertThat(acme.count("refund")).isEqualTo(1);

        assertRefused(() -> core.payments.refund(payment.id(), eur(3001), null), Reason.INVALID, "amount");
        Payment rest = core.payments.refund(payment.id(), null, null);
        assertThat(rest.status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(rest.refunded()).isEqualTo(eur(5000));
        assertRefused(() -> core.payments.refund(payment.id(), eur(1), null), Reason.CONFLICT, "paymentId");
    }

    @Test
    void existingPaymentsKeepTheirConnectionAfterTheMethodMovesToAnotherProvider() {
        Payment before = core.payments.create(link(1000, null));
        acme.state = ProviderStatus.SUCCEEDED;
        core.payments.refresh(before.id());

        FakeProvider other = new FakeProvider("other");
        core.providers.put("other", other);
        String otherConnection = core.settings.connect("downtown", "other", "Other", Map.of("key", "good")).id();
        core.settings.configureMethod(new MethodSetting("downtown", "payment-link", true, otherConnection));

        Payment after = core.payments.create(link(1000, null));
        assertThat(after.connectionId()).isEqualTo(otherConnection);
        core.payments.refund(before.id(), eur(100), null);
        assertThat(acme.count("refund " + acmeConnection)).isEqualTo(1);
        assertThat(other.count("refund")).isZero();
    }

    @Test
    void webhooksAreVerifiedAppliedOnceAndNeverMoveAPaymentBackwards() {
        Payment payment = core.payments.create(link(1000, null));
        WebhookRequest signed = new WebhookRequest(new byte[0], Map.of("x-signature", List.of("valid")));
        acme.nextEvent = new ProviderEvent("evt_1", ProviderEvent.Kind.PAYMENT, payment.providerReference(), null,
                ProviderStatus.SUCCEEDED, eur(1000), null, null, Instant.now());

        assertRefused(() -> core.payments.acceptWebhook(acmeConnection,
                new WebhookRequest(new byte[0], Map.of("X-Signature", List.of("forged")))), Reason.INVALID, "signature");
        assertThat(core.payments.find(payment.id()).orElseThrow().status()).isEqualTo(PaymentStatus.PENDING);

        assertThat(core.payments.acceptWebhook(acmeConnection, signed).orElseThrow().status()).isEqualTo(PaymentStatus.SUCCEEDED);
        core.payments.acceptWebhook(acmeConnection, signed);
        assertThat(core.settled).extracting(Payment::id).containsExactly(payment.id());

        acme.nextEvent = new ProviderEvent("evt_0", ProviderEvent.Kind.PAYMENT, payment.providerReference(), null,
                ProviderStatus.PENDING, null, null, null, Instant.now());
        assertThat(core.payments.acceptWebhook(acmeConnection, signed).orElseThrow().status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(core.payments.history(payment.id())).extracting(PaymentEvent::type)
                .containsExactly("created", "checkout-opened", "webhook", "webhook-ignored");
    }

    @Test
    void anEventThatCannotBeAppliedIsStoredRetriedWithBackoffAndLeftAsADeadLetter() {
        Payment payment = core.payments.create(link(1000, null));
        WebhookRequest signed = new WebhookRequest("{\"raw\":true}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                Map.of("x-signature", List.of("valid")));
        // A provider that reads no status from its own event: applying it fails every time.
        acme.nextEvent = new ProviderEvent("evt_broken", ProviderEvent.Kind.PAYMENT, payment.providerReference(), null,
                null, null, null, null, Instant.now());
        assertThat(core.payments.acceptWebhook(acmeConnection, signed)).isEmpty();
        core.payments.acceptWebhook(acmeConnection, signed); // delivered again: stored once
        List<InboxedWebhook> stored = core.payments.events(null, null, 10);
        assertThat(stored).singleElement().satisfies(e -> {
            assertThat(e.state()).isEqualTo(InboxedWebhook.State.RECEIVED);
            assertThat(e.attempts()).isEqualTo(1);
            assertThat(e.eventId()).isEqualTo("evt_broken");
            assertThat(e.nextAttemptAt()).isEqualTo(core.clock.instant().plusSeconds(1));
            assertThat(e.lastError()).contains("NullPointerException");
        });
        String raw = core.store.inTransaction(db -> io.tender.core.internal.store.Sql.first(db,
                "SELECT body_base64 FROM webhook_inbox", rows -> rows.getString(1))).orElseThrow();
        assertThat(new String(java.util.Base64.getDecoder().decode(raw), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("{\"raw\":true}");

        assertThat(core.payments.processDueWebhooks()).as("not due before its backoff").isZero();
        List<Duration> waits = List.of(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30),
                Duration.ofMinutes(2), Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofHours(6));
        for (Duration wait : waits) {
            core.clock.advance(wait);
            assertThat(core.payments.processDueWebhooks()).isEqualTo(1);
        }
        InboxedWebhook dead = core.payments.events(InboxedWebhook.State.DEAD, null, 10).get(0);
        assertThat(dead.attempts()).isEqualTo(8);
        core.clock.advance(Duration.ofDays(1));
        assertThat(core.payments.processDueWebhooks()).as("a dead letter is not tried again by itself").isZero();
        assertThat(core.payments.find(payment.id()).orElseThrow().status()).isEqualTo(PaymentStatus.PENDING);

        // An operator sends it through again; it fails again and is back on the backoff schedule.
        assertThat(core.payments.retry(dead.id()).state()).isEqualTo(InboxedWebhook.State.RECEIVED);
        assertRefused(() -> core.payments.retry("wh_unknown"), Reason.NOT_FOUND, "id");
        assertRefused(() -> core.payments.retry(dead.id()), Reason.CONFLICT, "id");
    }

    @Test
    void anEventForAPaymentNotYetKnownIsTriedAgainThenLeftUnmatched() {
        Payment payment = core.payments.create(link(1000, null));
        WebhookRequest signed = new WebhookRequest(new byte[0], Map.of("x-signature", List.of("valid")));
        acme.nextEvent = new ProviderEvent("evt_foreign", ProviderEvent.Kind.PAYMENT, "ref_made_elsewhere", null,
                ProviderStatus.SUCCEEDED, eur(1000), null, null, Instant.now());
        core.payments.acceptWebhook(acmeConnection, signed);
        core.clock.advance(Duration.ofSeconds(1));
        assertThat(core.payments.processDueWebhooks()).isEqualTo(1);
        core.clock.advance(Duration.ofSeconds(5));
        assertThat(core.payments.processDueWebhooks()).isEqualTo(1);
        assertThat(core.payments.events(InboxedWebhook.State.UNMATCHED, null, 10)).singleElement()
                .satisfies(e -> assertThat(e.attempts()).isEqualTo(3));

        // An event for a payment Tender knows is applied at once and recorded as processed.
        acme.nextEvent = new ProviderEvent("evt_early", ProviderEvent.Kind.PAYMENT, payment.providerReference(), null,
                ProviderStatus.SUCCEEDED, eur(1000), null, null, Instant.now());
        assertThat(core.payments.acceptWebhook(acmeConnection, signed).orElseThrow().status())
                .isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(core.payments.events(InboxedWebhook.State.PROCESSED, null, 10)).singleElement()
                .satisfies(e -> assertThat(e.paymentId()).isEqualTo(payment.id()));
        assertThat(core.payments.events(null, null, 1)).hasSize(1);
        assertRefused(() -> core.payments.events(null, null, 0), Reason.INVALID, "limit");
    }

    @Test
    void theJanitorAsksTheProviderAboutOpenPaymentsPastTheirTimeWithBackoffAndFlagsWhatStaysOpen() {
        Payment settles = core.payments.create(new PaymentRequest("downtown", "payment-link", eur(1000), "visit", "v-a",
                null, null, null, null));
        Payment hangs = core.payments.create(new PaymentRequest("downtown", "payment-link", eur(2000), "visit", "v-b",
                null, null, null, null));
        acme.state = ProviderStatus.PENDING;
        core.clock.advance(Duration.ofMinutes(4)); // the janitor asks after 5 quiet minutes
        assertThat(core.payments.reconcile()).isZero();
        core.clock.advance(Duration.ofMinutes(1));
        assertThat(core.payments.reconcile()).isEqualTo(2);
        assertThat(acme.count("fetch")).isEqualTo(2);
        assertThat(core.payments.reconcile()).as("checked again only an hour later").isZero();

        // The provider now reports one paid: the next check, an hour later, settles it.
        acme.succeeded.add(settles.providerReference());
        core.clock.advance(Duration.ofHours(1));
        assertThat(core.payments.reconcile()).isEqualTo(2);
        assertThat(core.payments.find(settles.id()).orElseThrow().status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(core.payments.needingAttention("downtown", 10)).isEmpty();

        // The other is still open a day later: flagged once, with the reason in its history.
        core.clock.advance(Duration.ofDays(1));
        assertThat(core.payments.reconcile()).isEqualTo(1);
        assertThat(core.payments.needingAttention("downtown", 10)).extracting(Payment::id).containsExactly(hangs.id());
        core.clock.advance(Duration.ofDays(1));
        assertThat(core.payments.reconcile()).as("then daily").isEqualTo(1);
        assertThat(core.payments.history(hangs.id())).filteredOn(e -> e.type().equals("needs-attention")).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("still PENDING at its provider after 3 checks"));
        assertRefused(() -> core.payments.needingAttention("downtown", 0), Reason.INVALID, "limit");
    }

    @Test
    void newsOfAnOpenPaymentStartsItsQuietTimeAgainUntilItsFirstCheckAndAClosedOneIsNeverDue() {
        acme.state = ProviderStatus.PENDING;
        Payment moved = core.payments.create(link(1000, null));
        Payment paid = core.payments.create(link(2000, null));
        WebhookRequest signed = new WebhookRequest(new byte[0], Map.of("x-signature", List.of("valid")));
        core.clock.advance(Duration.ofMinutes(4));
        acme.nextEvent = new ProviderEvent("evt_action", ProviderEvent.Kind.PAYMENT, moved.providerReference(), null,
                ProviderStatus.REQUIRES_ACTION, eur(1000), null, null, Instant.now());
        assertThat(core.payments.acceptWebhook(acmeConnection, signed).orElseThrow().status())
                .isEqualTo(PaymentStatus.REQUIRES_ACTION);
        acme.nextEvent = new ProviderEvent("evt_paid", ProviderEvent.Kind.PAYMENT, paid.providerReference(), null,
                ProviderStatus.SUCCEEDED, eur(2000), null, null, Instant.now());
        core.payments.acceptWebhook(acmeConnection, signed);

        core.clock.advance(Duration.ofMinutes(2));
        assertThat(core.payments.reconcile()).as("6 minutes after its creation, 2 after its news").isZero();
        core.clock.advance(Duration.ofMinutes(3));
        assertThat(core.payments.reconcile()).as("5 quiet minutes after its news").isEqualTo(1);
        assertThat(acme.calls).filteredOn(call -> call.startsWith("fetch")).singleElement().asString()
                .contains(moved.providerReference());
        core.clock.advance(Duration.ofDays(3));
        assertThat(core.payments.reconcile()).as("the paid one never").isEqualTo(1);
        assertThat(acme.calls).filteredOn(call -> call.contains(paid.providerReference())).noneMatch(c -> c.startsWith("fetch"));
    }

    @Test
    void expiredLinksAreSweptTheirOpenCheckoutsClosedAndAPaidOneLeftToBeMarkedPaid() {
        var items = List.of(new io.tender.api.link.LinkItem("Shampoo", 1, eur(2500)));
        var unpaid = core.links.create(new io.tender.api.link.NewPaymentLink("downtown", "goods", "sale-1", items, null,
                Duration.ofHours(1)));
        var paid = core.links.create(new io.tender.api.link.NewPaymentLink("downtown", "goods", "sale-2", items, null,
                Duration.ofHours(1)));
        Payment open = core.payments.create(new PaymentRequest("downtown", "payment-link", eur(2500), "link", unpaid.token(),
                null, null, null, null));
        Payment paidInTime = core.payments.create(new PaymentRequest("downtown", "payment-link", eur(2500), "link", paid.token(),
                null, null, null, null));
        acme.state = ProviderStatus.PENDING;
        acme.succeeded.add(paidInTime.providerReference());
        core.payments.reconcile();
        assertThat(linkStatus(unpaid.token())).as("not expired yet").isEqualTo("OPEN");

        core.clock.advance(Duration.ofHours(2));
        core.payments.reconcile();
        assertThat(linkStatus(unpaid.token())).isEqualTo("EXPIRED");
        assertThat(core.payments.find(open.id()).orElseThrow().status()).isEqualTo(PaymentStatus.CANCELED);
        assertThat(acme.calls).contains("cancel " + acmeConnection + " " + open.providerReference());
        assertThat(core.payments.find(paidInTime.id()).orElseThrow().status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(linkStatus(paid.token())).as("paid: left to be marked paid, not expired").isEqualTo("OPEN");
    }

    private String linkStatus(String token) {
        return core.store.inTransaction(db -> io.tender.core.internal.store.Sql.first(db,
                "SELECT status FROM payment_link WHERE token = ?", rows -> rows.getString(1), token)).orElseThrow();
    }

    @Test
    void twoJanitorsOnOneDatabaseCheckEachPaymentOnce() throws Exception {
        for (int i = 0; i < 20; i++) {
            core.payments.create(new PaymentRequest("downtown", "payment-link", eur(1000 + i), "visit", "v-" + i,
                    null, null, null, null));
        }
        acme.state = ProviderStatus.PENDING;
        core.clock.advance(Duration.ofMinutes(5));
        java.util.concurrent.ExecutorService nodes = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = nodes.submit(core.payments::reconcile);
            var second = nodes.submit(core.payments::reconcile);
            assertThat(first.get() + second.get()).isEqualTo(20);
        } finally {
            nodes.shutdownNow();
        }
        assertThat(acme.count("fetch")).isEqualTo(20);
    }

    @Test
    void aRefundOfAPaymentStillOpenInTenderAsksTheProviderFirst() {
        Payment payment = core.payments.create(link(5000, null));
        acme.state = ProviderStatus.SUCCEEDED; // paid, but the webhook has not arrived
        assertThat(core.payments.refund(payment.id(), eur(1000), "r-early").status()).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);
        assertThat(acme.calls).contains("fetch " + acmeConnection + " " + payment.providerReference());
    }

    @Test
    void cancellingClosesTheCheckoutAndTerminalPaymentsCannotBeCancelled() {
        Payment payment = core.payments.create(link(1000, null));
        assertThat(core.payments.cancel(payment.id()).status()).isEqualTo(PaymentStatus.CANCELED);
        assertThat(acme.calls).contains("cancel " + acmeConnection + " " + payment.providerReference());
        assertRefused(() -> core.payments.cancel(payment.id()), Reason.CONFLICT, "paymentId");
    }

    @Test
    void credentialsAreSealedAtRestAndMaskedWhenRead() {
        core.settings.connect("downtown", "acme", "Second", Map.of("key", "good", "secret", "sk_live_abcdefghijklmnop"));
        String stored = core.store.inTransaction(db -> {
            var rows = db.createStatement().executeQuery("SELECT settings_sealed FROM provider_connection");
            StringBuilder all = new StringBuilder();
            while (rows.next()) {
                all.append(rows.getString(1));
            }
            return all.toString();
        });
        assertThat(stored).doesNotContain("sk_live").doesNotContain("good");
        assertThat(core.settings.connections("downtown")).allSatisfy(c ->
                assertThat(c.settings().values()).allSatisfy(v -> assertThat(v).startsWith("••••")));
        assertRefused(() -> core.settings.connect("downtown", "acme", "Bad", Map.of("key", "bad")), Reason.INVALID, "settings");
        assertThat(core.settings.connections("downtown")).hasSize(2);
    }

    @Test
    void aRetryAfterAnUnknownOutcomeSendsTheSameCheckoutAndNeverFailsItForGood() {
        acme.failNextCheckout = ProviderErrorKind.TIMEOUT;
        Payment unknown = core.payments.create(new PaymentRequest("downtown", "payment-link", eur(900), "visit", "v9", null,
                "client@example.com", "https://host.example/done#top", null));
        acme.failNextCheckout = ProviderErrorKind.UNAVAILABLE;
        assertRefused(() -> core.payments.refresh(unknown.id()), Reason.PROVIDER_UNAVAILABLE, null);
        assertThat(core.payments.find(unknown.id()).orElseThrow().status()).isEqualTo(PaymentStatus.UNKNOWN);

        assertThat(core.payments.refresh(unknown.id()).status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(acme.checkoutRequests).hasSize(3).allSatisfy(r -> {
            assertThat(r.idempotencyKey()).isEqualTo("tender-checkout-" + unknown.id());
            assertThat(r.customerEmail()).isEqualTo("client@example.com");
            assertThat(r.successUrl()).hasToString("https://host.example/done#top");
            assertThat(r.cancelUrl()).hasToString("https://host.example/done?canceled=true#top");
            assertThat(r.expiresAt()).isEqualTo(acme.checkoutRequests.get(0).expiresAt());
        });
    }

    @Test
    void aRefundThatFailsLaterFreesItsAmountAndItsKeyCannotBeReplayed() {
        Payment payment = core.payments.create(link(3000, null));
        acme.state = ProviderStatus.SUCCEEDED;
        core.payments.refresh(payment.id());
        acme.refundStatus = ProviderStatus.PENDING;
        core.payments.refund(payment.id(), eur(3000), "r-pending");
        assertRefused(() -> core.payments.refund(payment.id(), eur(1), null), Reason.INVALID, "amount");

        String refundId = core.store.inTransaction(db -> {
            var rows = db.createStatement().executeQuery("SELECT id FROM refund");
            rows.next();
            return rows.getString(1);
        });
        acme.nextEvent = new ProviderEvent("evt_refund_failed", ProviderEvent.Kind.REFUND, null, payment.id(),
                ProviderStatus.DECLINED, eur(3000), "re_unknown_to_tender", refundId, Instant.now());
        core.payments.acceptWebhook(acmeConnection, new WebhookRequest(new byte[0], Map.of("X-Signature", List.of("valid"))));

        assertRefused(() -> core.payments.refund(payment.id(), eur(3000), "r-pending"), Reason.CONFLICT, "idempotencyKey");
        acme.refundStatus = ProviderStatus.SUCCEEDED;
        assertThat(core.payments.refund(payment.id(), eur(3000), "r-again").status()).isEqualTo(PaymentStatus.REFUNDED);
        assertRefused(() -> core.payments.refund(payment.id(), eur(1), "k".repeat(256)), Reason.INVALID, "idempotencyKey");
    }

    @Test
    void aWebhookFindsItsPaymentByTendersIdWhenTheReferenceIsNotKnownYet() {
        acme.failNextCheckout = ProviderErrorKind.TIMEOUT;
        Payment unknown = core.payments.create(link(700, null));
        acme.nextEvent = new ProviderEvent("evt_expired", ProviderEvent.Kind.PAYMENT, "cs_never_stored", unknown.id(),
                ProviderStatus.EXPIRED, null, null, null, Instant.now());
        assertThat(core.payments.acceptWebhook(acmeConnection,
                new WebhookRequest(new byte[0], Map.of("X-Signature", List.of("valid")))).orElseThrow().status())
                .isEqualTo(PaymentStatus.EXPIRED);
    }

    @Test
    void aProviderThatCrashesOnAWebhookIsARefusalNotAServerError() {
        acme.webhookCrash = new java.time.DateTimeException("timestamp out of range");
        assertRefused(() -> core.payments.acceptWebhook(acmeConnection,
                new WebhookRequest(new byte[0], Map.of("X-Signature", List.of("valid")))), Reason.INVALID, "signature");
    }

    private void assertRefused(PaymentRequest request, Reason reason, String field) {
        assertRefused(() -> core.payments.create(request), reason, field);
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Reason reason, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(TenderException.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.field()).isEqualTo(field);
        });
    }
}
