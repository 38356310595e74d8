package io.tender.api.sales;

import java.time.Instant;
import java.util.List;

/**
 * A membership issued to a client.
 *
 * @param code         the code the client shows
 * @param locationId   the location that sold it
 * @param itemId       the sale item it was bought as
 * @param clientEmail  the buyer's email, or null
 * @param allowances   the visits it holds: one pooled allowance, or one per service
 * @param services     for pooled visits, the services they are used for; empty for any
 * @param locations    where visits are used; empty for only the selling location
 * @param validityDays how many days it is valid
 * @param validFrom    whether those days started at purchase or start at the first visit
 * @param startsAt     when its validity started, or null until the first visit
 * @param validUntil   when its validity ends, or null until the first visit
 * @param paymentId    the payment that bought it
 * @param issuedAt     when it was issued
 */
public record Membership(String code, String locationId, String itemId, String clientEmail, List<Allowance> allowances,
        List<String> services, List<String> locations, int validityDays, MembershipTerms.ValidFrom validFrom,
        Instant startsAt, Instant validUntil, String paymentId, Instant issuedAt) {

    /**
     * Visits of a membership.
     *
     * @param serviceId the service they are for, or null for pooled visits
     * @param total     how many it came with
     * @param remaining how many are left
     */
    public record Allowance(String serviceId, int total, int remaining) {
    }

    /** @return true if visits are used at the location */
    public boolean validAt(String location) {
        return locations.isEmpty() ? locationId.equals(location) : locations.contains(location);
    }
}
