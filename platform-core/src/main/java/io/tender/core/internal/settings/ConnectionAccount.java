package io.tender.core.internal.settings;

import io.tender.api.provider.ProviderAccount;
import java.util.Map;
import org.osgi.util.converter.Converters;

/** The decrypted settings of one connection, handed to its provider for the duration of a call. */
public final class ConnectionAccount implements ProviderAccount {

    private final String connectionId;
    private final String locationId;
    private final Map<String, Object> settings;

    public ConnectionAccount(String connectionId, String locationId, Map<String, Object> settings) {
        this.connectionId = connectionId;
        this.locationId = locationId;
        this.settings = Map.copyOf(settings);
    }

    @Override
    public String connectionId() {
        return connectionId;
    }

    @Override
    public String locationId() {
        return locationId;
    }

    @Override
    public Map<String, Object> settings() {
        return settings;
    }

    @Override
    public <T> T settings(Class<T> type) {
        return Converters.standardConverter().convert(settings).to(type);
    }

    /** Never print credentials, not even by accident in a log line. */
    @Override
    public String toString() {
        return "ProviderAccount[" + connectionId + "]";
    }
}
