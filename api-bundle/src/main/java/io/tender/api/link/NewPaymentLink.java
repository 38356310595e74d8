package io.tender.api.link;

import io.tender.api.Money;
import java.time.Duration;
import java.util.List;

/**
 * What an admin asks a link for.
 *
 * @param locationId the location
 * @param purpose    {@code visit} or {@code goods}
 * @param reference  the visit's booking id, or the host system's id of the sale
 * @param items      what is paid for; for a visit, may be empty to take the booked service's price
 * @param amount     null to ask for the full total, or the deposit or custom amount to ask for
 * @param expiresIn  how long it may be paid; null for the location's default (72 hours unless set)
 */
public record NewPaymentLink(String locationId, String purpose, String reference, List<LinkItem> items, Money amount,
        Duration expiresIn) {
}
