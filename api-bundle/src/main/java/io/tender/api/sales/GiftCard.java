package io.tender.api.sales;

import io.tender.api.Money;
import java.time.Instant;

/**
 * An issued gift card.
 *
 * @param code       the code the client redeems it with
 * @param locationId the location that sold it; it is redeemed there
 * @param itemId     the sale item it was bought as
 * @param initial    its value when issued
 * @param balance    what is left; never below zero
 * @param singleUse  whether one redemption uses it up
 * @param validUntil the end of its validity, or null
 * @param paymentId  the payment that bought it
 * @param issuedAt   when it was issued
 */
public record GiftCard(String code, String locationId, String itemId, Money initial, Money balance, boolean singleUse,
        Instant validUntil, String paymentId, Instant issuedAt) {
}
