package io.tender.provider.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.Stripe;
import io.tender.api.Money;
import io.tender.api.provider.CheckoutRequest;
import io.tender.api.provider.CheckoutSession;
import io.tender.api.provider.ProviderErrorKind;
import io.tender.api.provider.ProviderEvent;
import io.tender.api.provider.ProviderException;
import io.tender.api.provider.ProviderStatus;
import io.tender.api.provider.RefundRequest;
import io.tender.api.provider.WebhookRequest;
import io.tender.provider.stripe.StripeStandIn.Received;
import io.tender.provider.tck.TestAccount;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the Stripe provider sends to Stripe, and how it reads what Stripe answers and signs. */
class StripeProviderTest {

    private final StripeStandIn stripe = new StripeStandIn();
    private final StripeProvider provider = new StripeProvider();
    private final TestAccount account = StripeConformanceTest.account(stripe, StripeStandIn.GOOD_KEY);

    @AfterEach
    void stop() {
        stripe.close();
    }

    private static CheckoutRequest request(String paymentId, Duration expiresIn) {
        URI result = URI.create("https://salon.example/pay/result/" + paymentId);
        return new CheckoutRequest(paymentId, "tender-checkout-" + paymentId, Money.of(2000, "EUR"), "Haircut, 45 minutes",
                "booking", "Downtown Salon", "client@example.com", result, URI.create(result + "?canceled=true"),
                URI.create("https://salon.example/api/webhooks/con_1"), Instant.now().plus(expiresIn));
    }

    @Test
    void opensACheckoutSessionWithEverythingTenderKnows() throws Exception {
        CheckoutSession session = provider.startCheckout(account, request("pay_abc", Duration.ofMinutes(60)));

        Received create = stripe.received("POST", "/v1/checkout/sessions").get(0);
        assertThat(create.header("Idempotency-Key")).isEqualTo("tender-checkout-pay_abc");
        assertThat(create.header("Stripe-Version")).isEqualTo(Stripe.API_VERSION);
        assertThat(create.header("Authorization")).isEqualTo("Bearer " + StripeStandIn.GOOD_KEY);
        assertThat(create.params()).containsEntry("mode", "payment")
                .containsEntry("line_items[0][quantity]", "1")
                .containsEntry("line_items[0][price_data][currency]", "eur")
                .containsEntry("line_items[0][price_data][unit_amount]", "2000")
                .containsEntry("line_items[0][price_data][product_data][name]", "Haircut, 45 minutes")
                .containsEntry("metadata[tender_payment_id]", "pay_abc")
                .containsEntry("payment_intent_data[metadata][tender_payment_id]", "pay_abc")
                .containsEntry("client_reference_id", "pay_abc")
                .containsEntry("customer_email", "client@example.com")
                .containsEntry("success_url", "https://salon.example/pay/result/pay_abc")
                .containsEntry("cancel_url", "https://salon.example/pay/result/pay_abc?canceled=true");
        assertThat(session.redirectUrl()).hasToString(stripe.url() + "/c/pay/" + session.providerReference());
        assertThat(session.status()).isEqualTo(ProviderStatus.PENDING);
    }

    @Test
    void keepsTheExpiryWithinWhatStripeAllows() throws Exception {
        long now = Instant.now().getEpochSecond();
        provider.startCheckout(account, request("pay_short", Duration.ofMinutes(5)));
        provider.startCheckout(account, request("pay_long", Duration.ofDays(3)));
        List<Received> creates = stripe.received("POST", "/v1/checkout/sessions");
        long shortExpiry = Long.parseLong(creates.get(0).params().get("expires_at"));
        long longExpiry = Long.parseLong(creates.get(1).params().get("expires_at"));
        assertThat(shortExpiry - now).isBetween(30L * 60, 32L * 60);
        assertThat(longExpiry - now).isBetween(23L * 3600, 24L * 3600 - 1);
    }

    @Test
    void refundsCarryTheirOwnIdempotencyKeyAndAreMadeOnce() throws Exception {
        CheckoutSession session = provider.startCheckout(account, request("pay_ref", Duration.ofHours(1)));
        stripe.pay(session.providerReference());
        RefundRequest refund = new RefundRequest("re_1", "tender-refund-re_1", session.providerReference(), Money.of(500, "EUR"), null);
        String first = provider.refund(account, refund).providerRefundReference();
        String again = provider.refund(account, refund).providerRefundReference();
        assertThat(again).isEqualTo(first);
        List<Received> refunds = stripe.received("POST", "/v1/refunds");
        assertThat(refunds).hasSize(2).allSatisfy(r -> {
            assertThat(r.header("Idempotency-Key")).isEqualTo("tender-refund-re_1");
            assertThat(r.params()).containsEntry("amount", "500").containsEntry("metadata[tender_payment_id]", "pay_ref")
                    .containsEntry("metadata[tender_refund_id]", "re_1");
        });
        assertThat(provider.fetchState(account, session.providerReference()).refunded()).isEqualTo(Money.of(500, "EUR"));
    }

    // ---- errors -------------------------------------------------------------------------------

    @Test
    void aRestrictedKeyWithoutPermissionIsRefusedWithTheReason() {
        assertKind(() -> provider.verifyCredentials(StripeConformanceTest.account(stripe, StripeStandIn.RESTRICTED_KEY)),
                ProviderErrorKind.AUTHENTICATION, "permission");
    }

    @Test
    void aDeclinedCardIsDeclined() {
        stripe.failNext(402, "card_error", "card_declined", "Your card was declined.", 1);
        assertKind(() -> provider.startCheckout(account, request("pay_d", Duration.ofHours(1))),
                ProviderErrorKind.DECLINED, "Your card was declined.");
    }

    @Test
    void anInvalidRequestKeepsStripesMessage() {
        stripe.failNext(400, "invalid_request_error", "parameter_invalid_integer", "Invalid integer: abc", 1);
        assertKind(() -> provider.startCheckout(account, request("pay_i", Duration.ofHours(1))),
                ProviderErrorKind.INVALID_REQUEST, "Invalid integer: abc");
    }

    @Test
    void rateLimitsAreRetriedThenUnavailable() {
        stripe.failNext(429, "invalid_request_error", "rate_limit", "Too many requests hit the API too quickly.", 3);
        assertKind(() -> provider.startCheckout(account, request("pay_r", Duration.ofHours(1))),
                ProviderErrorKind.UNAVAILABLE, "rate limiting");
        assertThat(stripe.received("POST", "/v1/checkout/sessions")).hasSize(3)
                .extracting(r -> r.header("Idempotency-Key")).containsOnly("tender-checkout-pay_r");
    }

    @Test
    void aServerErrorLeavesTheOutcomeUnknown() {
        stripe.failNext(500, "api_error", null, "Something went wrong on Stripe's end.", 3);
        assertKind(() -> provider.startCheckout(account, request("pay_5", Duration.ofHours(1))), ProviderErrorKind.TIMEOUT, "500");
    }

    @Test
    void aReadTimeoutLeavesTheOutcomeUnknown() {
        Map<String, Object> settings = new HashMap<>(account.settings());
        settings.put("readTimeoutMillis", 200);
        stripe.delay(1_000);
        assertKind(() -> provider.startCheckout(new TestAccount("con_1", "l", settings), request("pay_t", Duration.ofHours(1))),
                ProviderErrorKind.TIMEOUT, "");
    }

    @Test
    void aStripeThatCannotBeReachedIsUnavailable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Map<String, Object> settings = new HashMap<>(account.settings());
        settings.put("apiBase", "http://127.0.0.1:" + closedPort);
        assertKind(() -> provider.startCheckout(new TestAccount("con_1", "l", settings), request("pay_u", Duration.ofHours(1))),
                ProviderErrorKind.UNAVAILABLE, "could not be reached");
    }

    private static void assertKind(ThrowingCallable call, ProviderErrorKind kind, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.getMessage()).contains(message).doesNotContain(StripeStandIn.GOOD_KEY);
        });
    }

    // ---- webhooks -------------------------------------------------------------------------------

    private WebhookRequest signed(String payload, String header) {
        return new WebhookRequest(payload.getBytes(StandardCharsets.UTF_8), Map.of("Stripe-Signature", List.of(header)));
    }

    private ProviderEvent parse(String type, com.google.gson.JsonObject object) throws Exception {
        Instant now = Instant.now();
        String payload = StripeStandIn.event("evt_" + type, type, object, now);
        return provider.parseWebhook(account, signed(payload, "t=" + now.getEpochSecond() + ",v1="
                + StripeStandIn.signature(payload, StripeConformanceTest.SIGNING_SECRET, now)));
    }

    @Test
    void readsTheEventsTenderActsOn() throws Exception {
        CheckoutSession session = provider.startCheckout(account, request("pay_w", Duration.ofHours(1)));
        stripe.failAsync(session.providerReference());
        ProviderEvent failed = parse("checkout.session.async_payment_failed", stripe.session(session.providerReference()));
        assertThat(failed.kind()).isEqualTo(ProviderEvent.Kind.PAYMENT);
        assertThat(failed.status()).isEqualTo(ProviderStatus.DECLINED);
        assertThat(failed.providerReference()).isEqualTo(session.providerReference());
        assertThat(failed.paymentId()).isEqualTo("pay_w");

        assertThat(parse("checkout.session.expired", stripe.session(session.providerReference())).status())
                .isEqualTo(ProviderStatus.EXPIRED);

        com.google.gson.JsonObject refund = StripeStandIn.fixture("refund");
        refund.addProperty("id", "re_from_dashboard");
        refund.addProperty("currency", "eur");
        refund.addProperty("amount", 700);
        com.google.gson.JsonObject metadata = new com.google.gson.JsonObject();
        metadata.addProperty("tender_payment_id", "pay_w");
        refund.add("metadata", metadata);
        ProviderEvent refunded = parse("refund.updated", refund);
        assertThat(refunded.kind()).isEqualTo(ProviderEvent.Kind.REFUND);
        assertThat(refunded.paymentId()).isEqualTo("pay_w");
        assertThat(refunded.refundReference()).isEqualTo("re_from_dashboard");
        assertThat(refunded.amount()).isEqualTo(Money.of(700, "EUR"));

        assertThat(parse("customer.created", StripeStandIn.fixture("customer")).kind()).isEqualTo(ProviderEvent.Kind.IGNORED);
    }

    @Test
    void acceptsAnyOfSeveralSignaturesWhileTheSecretIsRotated() throws Exception {
        Instant now = Instant.now();
        String payload = StripeStandIn.event("evt_rotation", "checkout.session.expired", StripeStandIn.fixture("checkout.session"), now);
        String header = "t=" + now.getEpochSecond() + ",v1=" + StripeStandIn.signature(payload, "whsec_old_secret_0000", now)
                + ",v1=" + StripeStandIn.signature(payload, StripeConformanceTest.SIGNING_SECRET, now);
        assertThat(provider.parseWebhook(account, signed(payload, header)).eventId()).isEqualTo("evt_rotation");
    }
}
