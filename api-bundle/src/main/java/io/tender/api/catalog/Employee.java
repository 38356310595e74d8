package io.tender.api.catalog;

/**
 * Someone who provides services at a location.
 *
 * @param locationId the location
 * @param id         the host system's id for them
 * @param name       their name as clients see it
 */
public record Employee(String locationId, String id, String name) {
}
