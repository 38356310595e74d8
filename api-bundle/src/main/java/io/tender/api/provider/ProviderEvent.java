package io.tender.api.provider;

import io.tender.api.Money;
import java.time.Instant;

/**
 * A verified notification from a provider, normalized.
 *
 * @param eventId           the provider's event id; events with the same id are duplicates
 * @param kind              what the event is about
 * @param providerReference the provider's reference of the payment (the checkout reference), or
 *                          null if the event does not carry it
 * @param paymentId         Tender's payment id, if the provider stored it with the object the event
 *                          is about (metadata); used when there is no provider reference
 * @param status            the state it reports
 * @param amount            the amount it concerns (captured or refunded), or null
 * @param refundReference   for refund events, the provider's refund id; otherwise null
 * @param refundId          for refund events, Tender's refund id if the provider stored it with the
 *                          refund (metadata); matches the refund even before Tender learnt the
 *                          provider's id for it
 * @param occurredAt        when the provider says it happened
 */
public record ProviderEvent(
        String eventId,
        Kind kind,
        String providerReference,
        String paymentId,
        ProviderStatus status,
        Money amount,
        String refundReference,
        String refundId,
        Instant occurredAt) {

    /** What an event is about. */
    public enum Kind {
        /** The payment's state changed. */
        PAYMENT,
        /** A refund's state changed. */
        REFUND,
        /** Verified, but of no interest to Tender. */
        IGNORED
    }
}
