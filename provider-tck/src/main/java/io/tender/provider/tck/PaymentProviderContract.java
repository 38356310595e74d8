package io.tender.provider.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tender.api.Money;
import io.tender.api.provider.CheckoutRequest;
import io.tender.api.provider.CheckoutSession;
import io.tender.api.provider.PaymentProvider;
import io.tender.api.provider.PaymentSnapshot;
import io.tender.api.provider.ProviderAccount;
import io.tender.api.provider.ProviderCapability;
import io.tender.api.provider.ProviderDescriptor;
import io.tender.api.provider.ProviderErrorKind;
import io.tender.api.provider.ProviderEvent;
import io.tender.api.provider.ProviderException;
import io.tender.api.provider.ProviderStatus;
import io.tender.api.provider.RefundRequest;
import io.tender.api.provider.RefundResult;
import io.tender.api.provider.WebhookRejectedException;
import io.tender.api.provider.WebhookRequest;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The provider conformance kit: what Tender relies on from every {@link PaymentProvider}. A
 * provider project extends this class in its tests and supplies the provider, a working and a
 * refused account, and a {@link PartnerSimulator}; {@code mvn verify} then runs the whole kit.
 *
 * <p>Each test names the guarantee it checks. A provider that lacks a capability (partial
 * refunds, cancel) has the tests of that capability skipped, not failed.
 */
public abstract class PaymentProviderContract {

    /** @return the provider under test */
    protected abstract PaymentProvider provider();

    /** @return an account whose credentials the provider accepts */
    protected abstract ProviderAccount account();

    /** @return an account whose credentials the provider refuses */
    protected abstract ProviderAccount refusedAccount();

    /** @return the partner's side: paying, declining, sending webhooks */
    protected abstract PartnerSimulator partner();

    /** @return the currency checkouts are opened in; override if the provider does not take EUR */
    protected Money amount(long minorUnits) {
        return Money.of(minorUnits, "EUR");
    }

    /** @return the webhook address Tender would pass; null unless the provider needs one per checkout */
    protected URI webhookUrl() {
        return null;
    }

    private CheckoutRequest checkout(String paymentId, String idempotencyKey, long amount) {
        URI result = URI.create("http://localhost:8080/pay/result/" + paymentId);
        return new CheckoutRequest(paymentId, idempotencyKey, amount(amount), "Conformance kit " + paymentId, "visit",
                "Kit Salon", null, result, URI.create(result + "?canceled=true"), webhookUrl(),
                Instant.now().plus(Duration.ofMinutes(30)));
    }

    private CheckoutSession open(long amount) throws ProviderException {
        String paymentId = "pay_kit" + UUID.randomUUID().toString().replace("-", "").substring(0, 17);
        return provider().startCheckout(account(), checkout(paymentId, "tender-checkout-" + paymentId, amount));
    }

    private CheckoutSession paid(long amount) throws Exception {
        CheckoutSession session = open(amount);
        partner().pay(account(), session);
        return session;
    }

    // ---- self-description -----------------------------------------------------------------

    @Test
    @DisplayName("describes itself: a lower-case id, a name, a version and a fee note for admins")
    void describesItself() {
        ProviderDescriptor descriptor = provider().descriptor();
        assertThat(descriptor.id()).matches("[a-z][a-z0-9-]{1,39}");
        assertThat(descriptor.displayName()).isNotBlank();
        assertThat(descriptor.version()).isNotBlank();
        assertThat(descriptor.feeNote()).isNotBlank();
        assertThat(descriptor.capabilities()).isNotNull();
    }

    // ---- credentials ----------------------------------------------------------------------

    @Test
    @DisplayName("accepts good credentials and refuses bad ones as AUTHENTICATION, never as unknown")
    void credentials() throws ProviderException {
        provider().verifyCredentials(account());
        ProviderException refused = catchThrowableOfType(ProviderException.class,
                () -> provider().verifyCredentials(refusedAccount()));
        assertThat(refused).as("verifyCredentials with refused credentials").isNotNull();
        assertThat(refused.kind()).isEqualTo(ProviderErrorKind.AUTHENTICATION);
        assertThat(refused.getMessage()).as("the message must not echo secrets")
                .doesNotContain(secretValues(refusedAccount()));
    }

    @Test
    @DisplayName("a checkout with refused credentials fails as AUTHENTICATION: surely not charged")
    void checkoutWithRefusedCredentials() {
        ProviderException refused = catchThrowableOfType(ProviderException.class, () -> provider().startCheckout(
                refusedAccount(), checkout("pay_kitrefused", "tender-checkout-pay_kitrefused", 1000)));
        assertThat(refused).isNotNull();
        assertThat(refused.kind()).isEqualTo(ProviderErrorKind.AUTHENTICATION);
        assertThat(refused.kind().outcomeUnknown()).isFalse();
    }

    // ---- checkout and status model --------------------------------------------------------

    @Test
    @DisplayName("opens a pending checkout with a reference, an absolute redirect URL and an expiry")
    void opensACheckout() throws ProviderException {
        CheckoutSession session = open(2500);
        assertThat(session.status()).isEqualTo(ProviderStatus.PENDING);
        assertThat(session.providerReference()).isNotBlank();
        assertThat(session.redirectUrl().isAbsolute()).as("redirect URL is absolute").isTrue();
        assertThat(session.expiresAt()).isAfter(Instant.now());
        assertThat(provider().fetchState(account(), session.providerReference()).status()).isEqualTo(ProviderStatus.PENDING);
    }

    @Test
    @DisplayName("the same idempotency key opens one checkout; another key opens another")
    void checkoutIsIdempotent() throws ProviderException {
        CheckoutRequest request = checkout("pay_kitidem", "tender-checkout-" + UUID.randomUUID(), 1500);
        CheckoutSession first = provider().startCheckout(account(), request);
        CheckoutSession again = provider().startCheckout(account(), request);
        assertThat(again.providerReference()).isEqualTo(first.providerReference());
        CheckoutSession other = provider().startCheckout(account(),
                checkout("pay_kitidem", "tender-checkout-" + UUID.randomUUID(), 1500));
        assertThat(other.providerReference()).isNotEqualTo(first.providerReference());
    }

    @Test
    @DisplayName("a paid checkout reads as SUCCEEDED with the amount captured")
    void paidReadsSucceeded() throws Exception {
        CheckoutSession session = paid(4200);
        PaymentSnapshot snapshot = provider().fetchState(account(), session.providerReference());
        assertThat(snapshot.status()).isEqualTo(ProviderStatus.SUCCEEDED);
        assertThat(snapshot.captured()).isEqualTo(amount(4200));
    }

    @Test
    @DisplayName("a declined checkout reads as DECLINED, with nothing captured")
    void declinedReadsDeclined() throws Exception {
        CheckoutSession session = open(4200);
        partner().decline(account(), session);
        PaymentSnapshot snapshot = provider().fetchState(account(), session.providerReference());
        assertThat(snapshot.status()).isEqualTo(ProviderStatus.DECLINED);
        assertThat(snapshot.captured()).isNull();
    }

    @Test
    @DisplayName("an unknown reference is a typed INVALID_REQUEST, not a runtime exception or 'unknown'")
    void unknownReference() {
        assertThatThrownBy(() -> provider().fetchState(account(), "no_such_reference_0000"))
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.kind()).isEqualTo(ProviderErrorKind.INVALID_REQUEST));
    }

    @Test
    @DisplayName("cancelling an open checkout closes it (CANCELED or EXPIRED), and fetch-state agrees")
    void cancel() throws ProviderException {
        assumeTrue(provider().descriptor().capabilities().contains(ProviderCapability.CANCEL_CHECKOUT));
        CheckoutSession session = open(900);
        PaymentSnapshot canceled = provider().cancelCheckout(account(), session.providerReference());
        assertThat(canceled.status()).isIn(ProviderStatus.CANCELED, ProviderStatus.EXPIRED);
        assertThat(provider().fetchState(account(), session.providerReference()).status()).isEqualTo(canceled.status());
    }

    // ---- refunds ---------------------------------------------------------------------------

    @Test
    @DisplayName("an unpaid checkout cannot be refunded: INVALID_REQUEST")
    void refundUnpaid() throws ProviderException {
        assumeTrue(refunds());
        CheckoutSession session = open(1000);
        assertThatThrownBy(() -> provider().refund(account(), refund(session, 1000, "unpaid")))
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.kind()).isEqualTo(ProviderErrorKind.INVALID_REQUEST));
    }

    @Test
    @DisplayName("partial refunds add up, the same key refunds once, and more than was captured is refused")
    void partialRefunds() throws Exception {
        assumeTrue(provider().descriptor().capabilities().contains(ProviderCapability.PARTIAL_REFUNDS));
        CheckoutSession session = paid(5000);
        RefundResult first = provider().refund(account(), refund(session, 2000, "r1"));
        RefundResult replay = provider().refund(account(), refund(session, 2000, "r1"));
        assertThat(first.status()).isIn(ProviderStatus.SUCCEEDED, ProviderStatus.PENDING);
        assertThat(replay.providerRefundReference()).as("same key, same refund").isEqualTo(first.providerRefundReference());
        assertThat(provider().fetchState(account(), session.providerReference()).refunded()).isEqualTo(amount(2000));

        assertThatThrownBy(() -> provider().refund(account(), refund(session, 3001, "r2")))
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.kind()).isEqualTo(ProviderErrorKind.INVALID_REQUEST));
        provider().refund(account(), refund(session, 3000, "r3"));
        assertThat(provider().fetchState(account(), session.providerReference()).refunded()).isEqualTo(amount(5000));
    }

    @Test
    @DisplayName("a full refund is accepted once")
    void fullRefund() throws Exception {
        assumeTrue(refunds());
        CheckoutSession session = paid(1200);
        assertThat(provider().refund(account(), refund(session, 1200, "full")).status())
                .isIn(ProviderStatus.SUCCEEDED, ProviderStatus.PENDING);
        assertThatThrownBy(() -> provider().refund(account(), refund(session, 1, "more")))
                .isInstanceOf(ProviderException.class);
    }

    private boolean refunds() {
        var capabilities = provider().descriptor().capabilities();
        return capabilities.contains(ProviderCapability.REFUNDS) || capabilities.contains(ProviderCapability.PARTIAL_REFUNDS);
    }

    private RefundRequest refund(CheckoutSession session, long amount, String key) {
        String refundId = "re_kit" + key + session.providerReference().hashCode();
        return new RefundRequest(refundId, "tender-refund-" + refundId, session.providerReference(), amount(amount), null);
    }

    // ---- webhooks --------------------------------------------------------------------------

    @Test
    @DisplayName("a signed webhook is accepted and agrees with fetch-state")
    void webhookAgreesWithFetchState() throws Exception {
        assumeTrue(webhooks());
        CheckoutSession session = paid(3300);
        ProviderEvent event = provider().parseWebhook(account(), signed(session, Instant.now()));
        assertThat(event.eventId()).isNotBlank();
        assertThat(event.kind()).isEqualTo(ProviderEvent.Kind.PAYMENT);
        assertThat(event.providerReference()).isEqualTo(session.providerReference());
        assertThat(event.status()).isEqualTo(provider().fetchState(account(), session.providerReference()).status());
    }

    @Test
    @DisplayName("the same webhook delivered twice carries the same event id, so Tender applies it once")
    void redeliveryKeepsTheEventId() throws Exception {
        assumeTrue(webhooks());
        CheckoutSession session = paid(3300);
        WebhookRequest webhook = signed(session, Instant.now());
        assertThat(provider().parseWebhook(account(), webhook).eventId())
                .isEqualTo(provider().parseWebhook(account(), webhook).eventId());
    }

    @Test
    @DisplayName("a webhook with a tampered body is rejected")
    void tamperedWebhook() throws Exception {
        assumeTrue(webhooks());
        WebhookRequest webhook = signed(paid(3300), Instant.now());
        byte[] body = webhook.body();
        body[body.length / 2] ^= 0x01;
        assertRejected(new WebhookRequest(body, webhook.headers()));
    }

    @Test
    @DisplayName("a webhook signed with another secret is rejected")
    void wrongSecret() throws Exception {
        assumeTrue(webhooks());
        CheckoutSession session = paid(3300);
        assertRejected(partner().paidWebhook(account(), session, Instant.now(), "whsec_not_the_right_secret"));
    }

    @Test
    @DisplayName("a stale webhook, or one replayed an hour later, is rejected")
    void staleWebhook() throws Exception {
        assumeTrue(webhooks());
        assertRejected(signed(paid(3300), Instant.now().minus(Duration.ofHours(1))));
    }

    @Test
    @DisplayName("a webhook without its signature headers is rejected")
    void unsignedWebhook() throws Exception {
        assumeTrue(webhooks());
        WebhookRequest webhook = signed(paid(3300), Instant.now());
        assertRejected(new WebhookRequest(webhook.body(), Map.of("Content-Type", List.of("application/json"))));
    }

    private boolean webhooks() {
        return provider().descriptor().capabilities().contains(ProviderCapability.WEBHOOKS);
    }

    private WebhookRequest signed(CheckoutSession session, Instant at) throws Exception {
        return partner().paidWebhook(account(), session, at, partner().signingSecret(account()));
    }

    private void assertRejected(WebhookRequest webhook) {
        assertThatThrownBy(() -> provider().parseWebhook(account(), webhook)).isInstanceOf(WebhookRejectedException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(partner().signingSecret(account())));
    }

    private static CharSequence[] secretValues(ProviderAccount account) {
        Map<String, Object> settings = new HashMap<>(account.settings());
        return settings.values().stream().map(String::valueOf).filter(v -> v.length() >= 8).toArray(CharSequence[]::new);
    }
}
