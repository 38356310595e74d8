package io.tender.api.sales;

import java.time.Instant;

/**
 * One visit used of a membership.
 *
 * @param sequence   increasing per membership
 * @param code       the membership
 * @param locationId where the visit was
 * @param serviceId  the service visited
 * @param remaining  the visits left of its allowance after it
 * @param at         when
 */
public record MembershipVisit(long sequence, String code, String locationId, String serviceId, int remaining, Instant at) {
}
