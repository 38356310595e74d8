package io.tender.api;

import java.time.ZoneId;

/**
 * A place of business with its own payment settings.
 *
 * @param id       the location's id
 * @param name     its display name
 * @param timeZone its time zone, in which clients see visit times and dates end
 */
public record Location(String id, String name, ZoneId timeZone) {

    /** A location in UTC. */
    public Location(String id, String name) {
        this(id, name, ZoneId.of("UTC"));
    }
}
