package io.tender.api.webhook;

import java.time.Instant;

/**
 * A provider event as the inbox keeps it.
 *
 * @param id            the inbox id
 * @param connectionId  the connection it was sent to
 * @param eventId       the provider's event id, unique per connection
 * @param description   what the event reports, e.g. "payment pi_123 SUCCEEDED"
 * @param state         where it is
 * @param attempts      how often applying it was tried
 * @param receivedAt    when it was stored (and acknowledged)
 * @param nextAttemptAt when it is tried next, for {@link State#RECEIVED}
 * @param paymentId     the payment it was applied to, once known
 * @param lastError     why the last attempt failed, if it did
 */
public record InboxedWebhook(String id, String connectionId, String eventId, String description, State state, int attempts,
        Instant receivedAt, Instant nextAttemptAt, String paymentId, String lastError) {

    /** Where an event is. */
    public enum State {
        /** Stored, waiting for its (next) attempt. */
        RECEIVED,
        /** Being applied now, by some node. */
        PROCESSING,
        /** Applied (or recorded as late, when it would have moved its payment backwards). */
        PROCESSED,
        /** It names no payment Tender knows, after a few attempts: likely made outside Tender. */
        UNMATCHED,
        /** Applying it failed on every attempt: a dead letter, for an operator to look at and retry. */
        DEAD
    }
}
