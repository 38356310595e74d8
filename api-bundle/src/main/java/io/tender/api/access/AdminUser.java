package io.tender.api.access;

import java.time.Instant;
import java.util.Set;

/**
 * Someone who signs in to the console.
 *
 * @param id        their id
 * @param email     the address they sign in with
 * @param role      their role
 * @param locations the locations a location admin or viewer may use
 * @param createdAt when they were added
 */
public record AdminUser(String id, String email, Role role, Set<String> locations, Instant createdAt) {

    public AdminUser {
        locations = locations == null ? Set.of() : Set.copyOf(locations);
    }
}
