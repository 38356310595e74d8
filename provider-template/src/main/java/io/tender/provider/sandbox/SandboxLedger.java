package io.tender.provider.sandbox;

import io.tender.api.Money;
import io.tender.api.provider.CheckoutRequest;
import io.tender.api.provider.PaymentSnapshot;
import io.tender.api.provider.ProviderErrorKind;
import io.tender.api.provider.ProviderException;
import io.tender.api.provider.ProviderStatus;
import io.tender.api.provider.RefundRequest;
import io.tender.api.provider.RefundResult;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Currency;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The simulated payment service behind the sandbox: checkouts, their payment and refunds, with
 * idempotency keys honoured the way a real partner honours them.
 */
final class SandboxLedger {

    /** One checkout and what happened to it. */
    record Checkout(String id, String connectionId, String paymentId, Money amount, Instant expiresAt,
            ProviderStatus status, long refundedMinor) {

        Checkout with(ProviderStatus newStatus, long newRefundedMinor) {
            return new Checkout(id, connectionId, paymentId, amount, expiresAt, newStatus, newRefundedMinor);
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Checkout> checkouts = new HashMap<>();
    private final Map<String, String> checkoutByKey = new HashMap<>();
    private final Map<String, RefundResult> refundByKey = new HashMap<>();
    private final Clock clock;

    SandboxLedger() {
        this(Clock.systemUTC());
    }

    SandboxLedger(Clock clock) {
        this.clock = clock;
    }

    static String newId(String prefix) {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }

    synchronized Checkout open(String connectionId, CheckoutRequest request) {
        String existing = checkoutByKey.get(connectionId + "/" + request.idempotencyKey());
        if (existing != null) {
            return checkouts.get(existing);
        }
        Checkout checkout = new Checkout(newId("cs_sbx_"), connectionId, request.paymentId(), request.amount(),
                request.expiresAt(), ProviderStatus.PENDING, 0);
        checkouts.put(checkout.id(), checkout);
        checkoutByKey.put(connectionId + "/" + request.idempotencyKey(), checkout.id());
        return checkout;
    }

    synchronized Checkout checkout(String connectionId, String id) throws ProviderException {
        Checkout checkout = checkouts.get(id);
        if (checkout == null || !checkout.connectionId().equals(connectionId)) {
            throw new ProviderException(ProviderErrorKind.INVALID_REQUEST, "no sandbox checkout " + id);
        }
        if (checkout.status() == ProviderStatus.PENDING && clock.instant().isAfter(checkout.expiresAt())) {
            checkout = checkout.with(ProviderStatus.EXPIRED, 0);
            checkouts.put(id, checkout);
        }
        return checkout;
    }

    synchronized PaymentSnapshot snapshot(String connectionId, String id) throws ProviderException {
        return snapshot(checkout(connectionId, id));
    }

    private static PaymentSnapshot snapshot(Checkout c) {
        boolean captured = c.status() == ProviderStatus.SUCCEEDED;
        Currency currency = c.amount().currency();
        return new PaymentSnapshot(c.id(), c.status(), captured ? c.amount() : null,
                c.refundedMinor() > 0 ? new Money(c.refundedMinor(), currency) : null);
    }

    /** The client acted on the checkout page: paid or was declined. */
    synchronized Checkout settle(String connectionId, String id, ProviderStatus outcome) throws ProviderException {
        Checkout checkout = checkout(connectionId, id);
        if (checkout.status() != ProviderStatus.PENDING) {
            throw new ProviderException(ProviderErrorKind.INVALID_REQUEST, "checkout " + id + " is " + checkout.status());
        }
        Checkout settled = checkout.with(outcome, 0);
        checkouts.put(id, settled);
        return settled;
    }

    synchronized PaymentSnapshot cancel(String connectionId, String id) throws ProviderException {
        Checkout checkout = checkout(connectionId, id);
        if (checkout.status() == ProviderStatus.PENDING) {
            checkout = checkout.with(ProviderStatus.CANCELED, 0);
            checkouts.put(id, checkout);
        }
        return snapshot(checkout);
    }

    synchronized RefundResult refund(String connectionId, RefundRequest request) throws ProviderException {
        String key = connectionId + "/" + request.idempotencyKey();
        RefundResult replay = refundByKey.get(key);
        if (replay != null) {
            return replay;
        }
        Checkout checkout = checkout(connectionId, request.providerReference());
        if (checkout.status() != ProviderStatus.SUCCEEDED) {
            throw new ProviderException(ProviderErrorKind.INVALID_REQUEST, "checkout " + checkout.id() + " was not paid");
        }
        long left = checkout.amount().minorUnits() - checkout.refundedMinor();
        if (request.amount().minorUnits() > left) {
            throw new ProviderException(ProviderErrorKind.INVALID_REQUEST, "only " + new Money(left, checkout.amount().currency())
                    + " is left to refund");
        }
        checkouts.put(checkout.id(), checkout.with(checkout.status(), checkout.refundedMinor() + request.amount().minorUnits()));
        RefundResult result = new RefundResult(newId("re_sbx_"), ProviderStatus.SUCCEEDED);
        refundByKey.put(key, result);
        return result;
    }

    synchronized Currency currency(String checkoutId) {
        Checkout checkout = checkouts.get(checkoutId);
        return checkout == null ? null : checkout.amount().currency();
    }
}
