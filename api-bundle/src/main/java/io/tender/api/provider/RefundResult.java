package io.tender.api.provider;

/**
 * The outcome of a refund request.
 *
 * @param providerRefundReference the provider's id of the refund
 * @param status                  {@link ProviderStatus#SUCCEEDED}, {@link ProviderStatus#PENDING}
 *                                or {@link ProviderStatus#DECLINED}
 */
public record RefundResult(String providerRefundReference, ProviderStatus status) {
}
