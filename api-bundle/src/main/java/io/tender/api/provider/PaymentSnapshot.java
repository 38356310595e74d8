package io.tender.api.provider;

import io.tender.api.Money;

/**
 * A payment's state as its provider reports it.
 *
 * @param providerReference the provider's id of the checkout or payment
 * @param status            its status
 * @param captured          the amount captured, or null if nothing was
 * @param refunded          the amount refunded so far, or null if nothing was
 */
public record PaymentSnapshot(String providerReference, ProviderStatus status, Money captured, Money refunded) {
}
