package io.tender.api;

import java.time.Instant;
import java.util.Map;

/**
 * A location's account at a payment provider: the credentials an admin entered.
 *
 * @param id         the connection's id
 * @param locationId the location it belongs to
 * @param providerId the provider, e.g. {@code stripe}
 * @param name       a display name chosen by the admin
 * @param settings   the settings as shown to admins: secret values are masked, never in clear
 * @param createdAt  when it was created
 */
public record ProviderConnection(
        String id, String locationId, String providerId, String name, Map<String, String> settings, Instant createdAt) {
}
