package io.tender.api;

import java.net.URI;
import java.time.Instant;

/**
 * One payment as the ledger holds it.
 *
 * @param id                 Tender's payment id
 * @param locationId         the location the payment belongs to
 * @param methodId           the payment method that asked for it
 * @param connectionId       the provider connection it was routed to; refunds, cancels and
 *                           webhooks always use this connection
 * @param providerId         the provider behind that connection
 * @param amount             what the client is charged
 * @param refunded           what has been refunded so far (same currency)
 * @param purpose            what kind of business object is paid, e.g. {@code booking}
 * @param reference          the business object's id in the host system
 * @param description        what the client sees on the checkout
 * @param customerEmail      the client's email address, if given
 * @param status             the current status
 * @param providerReference  the provider's id of the checkout or payment, once known
 * @param checkoutUrl        where to send the client to pay, while the checkout is open
 * @param checkoutExpiresAt  when the open checkout expires, if known
 * @param failureReason      why the payment failed or is unknown, for admins
 * @param createdAt          when it was recorded
 * @param updatedAt          when its status last changed
 */
public record Payment(
        String id,
        String locationId,
        String methodId,
        String connectionId,
        String providerId,
        Money amount,
        Money refunded,
        String purpose,
        String reference,
        String description,
        String customerEmail,
        PaymentStatus status,
        String providerReference,
        URI checkoutUrl,
        Instant checkoutExpiresAt,
        String failureReason,
        Instant createdAt,
        Instant updatedAt) {

    /** @return the part of the captured amount that can still be refunded */
    public Money refundable() {
        return status.isCaptured() ? amount.minus(refunded) : Money.zero(amount.currency());
    }
}
