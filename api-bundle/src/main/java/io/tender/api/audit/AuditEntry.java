package io.tender.api.audit;

import java.time.Instant;

/**
 * One change of settings, as the audit log keeps it.
 *
 * @param id         its id
 * @param at         when it was made
 * @param actorId    the id of the user or API key that made it
 * @param actor      the user's email or the key's name
 * @param action     what was done, e.g. {@code method.configure}
 * @param locationId the location it concerns, or null for changes of the whole business (users, keys)
 * @param target     what was changed, e.g. the method's or the connection's id
 * @param before     the thing before the change, as JSON with its secrets redacted, or null if it was created
 * @param after      the thing after the change, as JSON with its secrets redacted, or null if it was removed
 */
public record AuditEntry(String id, Instant at, String actorId, String actor, String action, String locationId, String target,
        String before, String after) {
}
