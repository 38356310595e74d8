package io.tender.api.catalog;

import io.tender.api.Money;

/**
 * A service a location offers, with a fixed price ({@code minPrice} equal to {@code maxPrice}) or
 * a price range.
 *
 * @param locationId the location
 * @param id         the host system's id for it
 * @param name       its name as clients see it
 * @param category   its category, or null
 * @param minPrice   the price, or the lowest price of the range
 * @param maxPrice   the price, or the highest price of the range; same currency as {@code minPrice}
 */
public record Service(String locationId, String id, String name, String category, Money minPrice, Money maxPrice) {

    /** @return true if the price is a range rather than one amount */
    public boolean hasPriceRange() {
        return !minPrice.equals(maxPrice);
    }
}
