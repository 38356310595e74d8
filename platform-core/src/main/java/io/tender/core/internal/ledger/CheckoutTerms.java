package io.tender.core.internal.ledger;

import java.time.Instant;

/**
 * What a checkout was opened with, beyond the payment itself: kept with the payment so a retry
 * asks the provider for exactly the same checkout.
 *
 * @param customerEmail the client's email, or null
 * @param returnUrl     the caller's return URL, or null for Tender's result page
 * @param deadline      when the checkout must stop accepting payment
 */
public record CheckoutTerms(String customerEmail, String returnUrl, Instant deadline) {
}
