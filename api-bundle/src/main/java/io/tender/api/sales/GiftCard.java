package io.tender.api.sales;

import io.tender.api.Money;
import java.time.Instant;
import java.util.List;

/**
 * An issued gift card.
 *
 * @param code        the code the client redeems it with
 * @param locationId  the location that sold it
 * @param itemId      the sale item it was bought as
 * @param initial     its value when issued
 * @param balance     what is left; never below zero
 * @param singleUse   whether one redemption uses it up
 * @param validUntil  the end of its validity, or null
 * @param locations   where it is redeemed; empty for only the selling location
 * @param services    the services it pays for; empty for any
 * @param clientEmail the buyer's email, where the code was sent, or null
 * @param paymentId   the payment that bought it
 * @param issuedAt    when it was issued
 */
public record GiftCard(String code, String locationId, String itemId, Money initial, Money balance, boolean singleUse,
        Instant validUntil, List<String> locations, List<String> services, String clientEmail, String paymentId,
        Instant issuedAt) {

    /** @return true if it is redeemed at the location */
    public boolean validAt(String location) {
        return locations.isEmpty() ? locationId.equals(location) : locations.contains(location);
    }
}
