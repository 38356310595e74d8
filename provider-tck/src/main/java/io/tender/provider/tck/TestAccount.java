package io.tender.provider.tck;

import io.tender.api.provider.ProviderAccount;
import java.util.Map;
import org.osgi.util.converter.Converters;

/**
 * A {@link ProviderAccount} for tests that converts settings to a provider's configuration type
 * exactly as the platform does, with the OSGi standard converter.
 *
 * @param connectionId the connection id
 * @param locationId   the location id
 * @param settings     the settings as an admin would enter them
 */
public record TestAccount(String connectionId, String locationId, Map<String, Object> settings) implements ProviderAccount {

    public TestAccount {
        settings = Map.copyOf(settings);
    }

    @Override
    public <T> T settings(Class<T> type) {
        return Converters.standardConverter().convert(settings).to(type);
    }
}
