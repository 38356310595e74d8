package io.tender.api.audit;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Who changed which setting, when, from what to what. Implemented by the platform; entries are
 * only ever added. Every JSON member whose name speaks of a secret, a password or a key is
 * redacted before it is stored, whatever the caller passed.
 */
@ProviderType
public interface AuditLog {

    /**
     * Adds an entry.
     *
     * @param actorId    the user's or API key's id
     * @param actor      their email or name
     * @param action     what was done, e.g. {@code method.configure}
     * @param locationId the location concerned, or null
     * @param target     what was changed
     * @param before     JSON before, or null
     * @param after      JSON after, or null
     * @return the entry as stored
     */
    AuditEntry record(String actorId, String actor, String action, String locationId, String target, String before, String after);

    /**
     * Lists entries, newest first.
     *
     * @param locationId only this location's entries, or null for every entry
     * @param before     only entries older than the entry with this id (the last of the previous page), or null
     * @param limit      at most this many, 1 to 200
     * @return the entries
     * @throws io.tender.api.TenderException naming the field if {@code before} is unknown or the limit out of range
     */
    List<AuditEntry> entries(String locationId, String before, int limit);

}
