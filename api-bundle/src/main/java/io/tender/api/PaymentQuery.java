package io.tender.api;

import java.time.Instant;

/**
 * Which payments to list, newest first. Every filter is optional.
 *
 * @param locationId only this location's payments
 * @param methodId   only this method's payments
 * @param status     only payments in this status
 * @param from       only payments created at or after this
 * @param to         only payments created before this
 * @param client     only payments whose client email contains this, ignoring case
 * @param cursor     where the previous page ended ({@link PaymentPage#nextCursor()}), or null for the first page
 * @param limit      at most this many, 1 to 200
 */
public record PaymentQuery(String locationId, String methodId, PaymentStatus status, Instant from, Instant to, String client,
        String cursor, int limit) {
}
