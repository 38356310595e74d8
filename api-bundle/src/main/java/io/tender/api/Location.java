package io.tender.api;

/**
 * A place of business with its own payment settings.
 *
 * @param id   the location's id
 * @param name its display name
 */
public record Location(String id, String name) {
}
