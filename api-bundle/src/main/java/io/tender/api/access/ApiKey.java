package io.tender.api.access;

import java.time.Instant;
import java.util.Set;

/**
 * An API key for an integration.
 *
 * @param id        its id
 * @param name      what it is for
 * @param role      what it may do (never OWNER)
 * @param locations the locations it may use
 * @param secret    the key itself, returned once when it is created and never again (null after)
 * @param createdAt when it was created
 */
public record ApiKey(String id, String name, Role role, Set<String> locations, String secret, Instant createdAt) {

    public ApiKey {
        locations = locations == null ? Set.of() : Set.copyOf(locations);
    }
}
