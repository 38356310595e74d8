package io.tender.api.sales;

import java.time.LocalDate;
import java.util.List;

/**
 * The terms of a gift card item, copied onto every card sold, so changing the item later does not
 * change the cards already sold.
 *
 * @param validityDays how many days a card is valid from its sale, or null; at most one of this
 *                     and {@code validUntil}
 * @param validUntil   the last day a card is valid (in the selling location's time zone), or null
 * @param singleUse    whether one redemption uses the card up
 * @param locations    the locations where the card is redeemed; empty for only the selling location
 * @param services     the services it pays for; empty for any
 */
public record GiftCardTerms(Integer validityDays, LocalDate validUntil, boolean singleUse, List<String> locations,
        List<String> services) {

    public GiftCardTerms {
        locations = locations == null ? List.of() : List.copyOf(locations);
        services = services == null ? List.of() : List.copyOf(services);
    }

    /** @return terms with no expiry, multiple use, valid at the selling location for any service */
    public static GiftCardTerms open() {
        return new GiftCardTerms(null, null, false, List.of(), List.of());
    }
}
