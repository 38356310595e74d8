package io.tender.api.provider;

import io.tender.api.Money;

/**
 * A refund of all or part of a captured payment.
 *
 * @param refundId          Tender's refund id
 * @param idempotencyKey    the key to send with the creating call, derived from the refund id
 * @param providerReference the provider's reference of the payment
 * @param amount            the amount to refund
 * @param reason            why, for the provider's records, or null
 */
public record RefundRequest(String refundId, String idempotencyKey, String providerReference, Money amount, String reason) {
}
