package io.tender.api;

import java.time.Instant;

/**
 * One entry of a payment's append-only history.
 *
 * @param sequence   position in the ledger, increasing
 * @param paymentId  the payment
 * @param type       what happened, e.g. {@code created}, {@code checkout-started},
 *                   {@code refund-succeeded}, {@code webhook}
 * @param fromStatus the status before, {@code null} for creation
 * @param toStatus   the status after
 * @param amount     the amount the event concerns (refund amount, captured amount), or null
 * @param detail     a short human-readable note, never containing secrets
 * @param at         when it was recorded
 */
public record PaymentEvent(
        long sequence,
        String paymentId,
        String type,
        PaymentStatus fromStatus,
        PaymentStatus toStatus,
        Money amount,
        String detail,
        Instant at) {
}
