package io.tender.api;

import java.util.List;

/**
 * One page of a payment search.
 *
 * @param payments   the payments, newest first
 * @param nextCursor where the next page starts, or null if this is the last
 */
public record PaymentPage(List<Payment> payments, String nextCursor) {
}
