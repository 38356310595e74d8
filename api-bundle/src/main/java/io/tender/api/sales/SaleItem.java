package io.tender.api.sales;

import io.tender.api.Money;

/**
 * What a location sells online: a gift card, at a fixed face value ({@code minAmount} equal to
 * {@code maxAmount}) or an amount the buyer chooses within a range; or a membership at a fixed price.
 *
 * @param locationId  the location that sells it
 * @param id          the host system's id for it
 * @param kind        gift card or membership
 * @param name        its name in the shop
 * @param description its description in the shop, or null
 * @param minAmount   the price, or the lowest amount a gift card buyer may choose
 * @param maxAmount   the price, or the highest amount a gift card buyer may choose
 * @param active      whether it is on sale
 * @param giftCard    for a gift card, its terms; otherwise null
 * @param membership  for a membership, its terms; otherwise null
 */
public record SaleItem(String locationId, String id, SaleItemKind kind, String name, String description, Money minAmount,
        Money maxAmount, boolean active, GiftCardTerms giftCard, MembershipTerms membership) {

    /** @return true if the buyer chooses the amount */
    public boolean customAmount() {
        return !minAmount.equals(maxAmount);
    }
}
