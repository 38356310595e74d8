package io.tender.api.provider;

import io.tender.api.Money;
import java.net.URI;
import java.time.Instant;

/**
 * What the platform asks a provider to charge.
 *
 * @param paymentId      Tender's payment id; providers store it with the checkout (metadata)
 * @param idempotencyKey the key to send with the creating call, derived from the payment id
 * @param amount         the amount to charge
 * @param description    what is paid, as the client should see it
 * @param purpose        the kind of business object, e.g. {@code booking}, {@code gift-card}
 * @param merchantName   the business the client pays, as the checkout page should name it
 * @param customerEmail  the client's email when known, or null
 * @param successUrl     where to send the client after paying
 * @param cancelUrl      where to send the client after giving up
 * @param webhookUrl     where Tender receives this connection's webhooks; for providers that
 *                       take a notification address per checkout (others register it once)
 * @param expiresAt      when the checkout must stop accepting payment
 */
public record CheckoutRequest(
        String paymentId,
        String idempotencyKey,
        Money amount,
        String description,
        String purpose,
        String merchantName,
        String customerEmail,
        URI successUrl,
        URI cancelUrl,
        URI webhookUrl,
        Instant expiresAt) {
}
