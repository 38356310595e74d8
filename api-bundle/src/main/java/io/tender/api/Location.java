package io.tender.api;

import java.time.ZoneId;

/**
 * A place of business with its own payment settings.
 *
 * @param id       the location's id
 * @param name     its display name
 * @param timeZone its time zone, in which clients see visit times and dates end
 * @param version  how often its name or time zone were saved, for ETag / If-Match
 */
public record Location(String id, String name, ZoneId timeZone, long version) {

    /** A location to save; its version is the store's. */
    public Location(String id, String name, ZoneId timeZone) {
        this(id, name, timeZone, 0);
    }

    /** A location in UTC. */
    public Location(String id, String name) {
        this(id, name, ZoneId.of("UTC"));
    }
}
