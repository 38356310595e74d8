package io.tender.api.mail;

import java.time.Instant;

/**
 * A message in the outbox.
 *
 * @param id         its id
 * @param locationId the location sending it
 * @param recipient  the address it goes to
 * @param subject    its subject
 * @param status     queued, sent, or failed for good
 * @param attempts   how often sending was tried
 * @param lastError  why the last attempt failed, or null
 * @param createdAt  when it was queued
 * @param sentAt     when the server accepted it, or null
 */
public record OutgoingMail(String id, String locationId, String recipient, String subject, Status status, int attempts,
        String lastError, Instant createdAt, Instant sentAt) {

    /** Where a message stands. */
    public enum Status {
        /** Waiting to be sent, or to be tried again. */
        QUEUED,
        /** Accepted by the SMTP server. */
        SENT,
        /** Given up on after the last attempt. */
        FAILED
    }
}
