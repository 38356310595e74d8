package io.tender.api.sales;

import io.tender.api.Money;

/**
 * A gift card a location sells online: a fixed face value ({@code minAmount} equal to
 * {@code maxAmount}) or an amount the buyer chooses within a range.
 *
 * @param locationId   the location that sells it
 * @param id           the host system's id for it
 * @param name         its name in the shop
 * @param description  its description in the shop, or null
 * @param minAmount    the face value, or the lowest amount a buyer may choose
 * @param maxAmount    the face value, or the highest amount a buyer may choose
 * @param validityDays how many days an issued card is valid, or null for no limit
 * @param singleUse    whether one redemption uses the card up
 * @param active       whether it is on sale
 */
public record SaleItem(String locationId, String id, String name, String description, Money minAmount, Money maxAmount,
        Integer validityDays, boolean singleUse, boolean active) {

    /** @return true if the buyer chooses the amount */
    public boolean customAmount() {
        return !minAmount.equals(maxAmount);
    }
}
