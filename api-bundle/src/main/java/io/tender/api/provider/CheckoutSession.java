package io.tender.api.provider;

import java.net.URI;
import java.time.Instant;

/**
 * An open hosted checkout.
 *
 * @param providerReference the provider's id for it; later calls and webhooks use it
 * @param redirectUrl       where the client pays
 * @param expiresAt         when it stops accepting payment
 * @param status            normally {@link ProviderStatus#PENDING}
 */
public record CheckoutSession(String providerReference, URI redirectUrl, Instant expiresAt, ProviderStatus status) {
}
