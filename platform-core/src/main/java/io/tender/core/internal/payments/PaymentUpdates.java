package io.tender.core.internal.payments;

import io.tender.api.Money;
import io.tender.api.Payment;
import io.tender.api.PaymentStatus;
import java.net.URI;
import java.time.Instant;

/** Copies of a payment with some fields changed; the ledger writes them with the event that explains them. */
final class PaymentUpdates {

    private PaymentUpdates() {
    }

    static Payment withStatus(Payment p, PaymentStatus status, Instant now) {
        return new Payment(p.id(), p.locationId(), p.methodId(), p.connectionId(), p.providerId(), p.amount(), p.refunded(),
                p.purpose(), p.reference(), p.description(), p.customerEmail(), status, p.providerReference(), p.checkoutUrl(),
                p.checkoutExpiresAt(), p.failureReason(), p.createdAt(), now);
    }

    static Payment withCheckout(Payment p, PaymentStatus status, String providerReference, URI url, Instant expiresAt, Instant now) {
        return new Payment(p.id(), p.locationId(), p.methodId(), p.connectionId(), p.providerId(), p.amount(), p.refunded(),
                p.purpose(), p.reference(), p.description(), p.customerEmail(), status, providerReference, url, expiresAt, null, p.createdAt(), now);
    }

    static Payment withFailure(Payment p, PaymentStatus status, String reason, Instant now) {
        return new Payment(p.id(), p.locationId(), p.methodId(), p.connectionId(), p.providerId(), p.amount(), p.refunded(),
                p.purpose(), p.reference(), p.description(), p.customerEmail(), status, p.providerReference(), p.checkoutUrl(),
                p.checkoutExpiresAt(), reason, p.createdAt(), now);
    }

    static Payment withRefund(Payment p, long refundMinor, Instant now) {
        Money refunded = p.refunded().plus(new Money(refundMinor, p.amount().currency()));
        PaymentStatus status = refunded.equals(p.amount()) ? PaymentStatus.REFUNDED : PaymentStatus.PARTIALLY_REFUNDED;
        return new Payment(p.id(), p.locationId(), p.methodId(), p.connectionId(), p.providerId(), p.amount(), refunded,
                p.purpose(), p.reference(), p.description(), p.customerEmail(), status, p.providerReference(), p.checkoutUrl(),
                p.checkoutExpiresAt(), p.failureReason(), p.createdAt(), now);
    }

    /** @return true if the two differ in anything but their update time */
    static boolean changed(Payment before, Payment after) {
        return !withStatus(before, before.status(), after.updatedAt()).equals(after);
    }
}
