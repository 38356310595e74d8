package io.tender.api.access;

import java.util.Set;

/**
 * Who is calling: a signed-in user or an API key, with what they may do.
 *
 * @param id        the user's or the key's id
 * @param name      the user's email or the key's name, for audit records
 * @param role      their role
 * @param locations the locations they may use; ignored for an owner, who may use every one
 */
public record Principal(String id, String name, Role role, Set<String> locations) {

    public Principal {
        locations = locations == null ? Set.of() : Set.copyOf(locations);
    }

    /** @return true if they may read the location's settings and payments */
    public boolean canRead(String locationId) {
        return role == Role.OWNER || locations.contains(locationId);
    }

    /** @return true if they may change the location's settings and payments */
    public boolean canWrite(String locationId) {
        return role == Role.OWNER || role == Role.LOCATION_ADMIN && locations.contains(locationId);
    }
}
