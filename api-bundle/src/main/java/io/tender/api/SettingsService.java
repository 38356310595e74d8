package io.tender.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Locations, their provider connections and their payment method settings. Implemented by the
 * platform. Credentials are encrypted at rest and never returned in clear.
 */
@ProviderType
public interface SettingsService {

    /**
     * @param location the new location: its id letters, digits, {@code -} and {@code _}, at most 64;
     *                 a null time zone is UTC
     * @return the location
     * @throws TenderException if the id is malformed or taken, or the name is missing
     */
    default Location createLocation(Location location) {
        return createLocation(location, null);
    }

    /**
     * Creates a location as {@link #createLocation(Location)} does; a repeated call with the same
     * idempotency key returns the location the first one created.
     *
     * @param idempotencyKey 1 to 255 characters; may be null
     * @throws TenderException CONFLICT on {@code idempotencyKey} if the key was used for another location
     */
    Location createLocation(Location location, String idempotencyKey);

    /** Creates a location in UTC. @see #createLocation(Location) */
    default Location createLocation(String id, String name) {
        return createLocation(new Location(id, name));
    }

    /**
     * Renames a location or changes its time zone.
     *
     * @param location the location's id, new name and time zone (null for UTC)
     * @return the location
     * @throws TenderException if there is no such location or the name is missing
     */
    default Location updateLocation(Location location) {
        return updateLocation(location, null);
    }

    /**
     * Renames a location or changes its time zone if it is still at the version the caller read.
     *
     * @param expectedVersion the version read, or null to save whatever is stored
     * @throws TenderException PRECONDITION_FAILED if it was saved since; nothing changes then
     */
    Location updateLocation(Location location, Long expectedVersion);

    /** @return every location, ordered by id */
    List<Location> locations();

    /** @return the location, if it exists */
    Optional<Location> location(String id);

    /**
     * @return true if clients can pay with the method at the location now: it is enabled, bound to
     *         a connection, and the connection's provider is installed (or away for no longer than a
     *         bundle update takes). Client pages offer a method only then.
     */
    boolean offered(String locationId, String methodId);

    /**
     * Stores a connection to a provider for a location. The credentials are checked with the
     * provider first ("Connect"); a connection that fails the check is not stored.
     *
     * @param locationId the location
     * @param providerId an installed provider
     * @param name       a display name
     * @param settings   the provider's settings, as its metatype object class describes them
     * @return the stored connection, secrets masked
     * @throws TenderException if the location or provider is unknown or the credentials are refused
     */
    default ProviderConnection connect(String locationId, String providerId, String name, Map<String, Object> settings) {
        return connect(locationId, providerId, name, settings, null);
    }

    /**
     * Connects as {@link #connect(String, String, String, Map)} does; a repeated call with the same
     * idempotency key returns the connection the first one stored, without checking the
     * credentials again.
     *
     * @param idempotencyKey 1 to 255 characters, unique per location; may be null
     * @throws TenderException CONFLICT on {@code idempotencyKey} if the key was used for another connection
     */
    ProviderConnection connect(String locationId, String providerId, String name, Map<String, Object> settings,
            String idempotencyKey);

    /**
     * @return the connection form of an installed provider, from its metatype, if it declares one
     * @throws TenderException if no such provider is installed
     */
    Optional<SetupForm> setupForm(String providerId);

    /** @return the location's connections, secrets masked */
    List<ProviderConnection> connections(String locationId);

    /** @return the connection, secrets masked, if it exists */
    Optional<ProviderConnection> connection(String connectionId);

    /**
     * Enables or disables a payment method at a location and binds it to one connection.
     * Payments made before keep the connection they were made with.
     *
     * @param setting         the new setting; an enabled method needs a connection of the same location
     * @param expectedVersion the version the caller read (0 for a setting never saved), or null to
     *                        save whatever is stored now
     * @return the stored setting, with its new version
     * @throws TenderException if the location, method or connection is unknown; with
     *                         {@link TenderException.Reason#PRECONDITION_FAILED} if the setting was
     *                         saved by someone else since the expected version, in which case nothing changes
     */
    MethodSetting configureMethod(MethodSetting setting, Long expectedVersion);

    /** Saves a method setting whatever is stored now. @see #configureMethod(MethodSetting, Long) */
    default MethodSetting configureMethod(MethodSetting setting) {
        return configureMethod(setting, null);
    }

    /** @return the settings of every installed method at the location, unset ones disabled */
    List<MethodSetting> methodSettings(String locationId);
}
