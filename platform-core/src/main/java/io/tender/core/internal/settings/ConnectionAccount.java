package io.tender.core.internal.settings;

import io.tender.api.provider.ProviderAccount;
import java.util.Map;

/** The decrypted settings of one connection, handed to its provider for its calls. */
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

    /**
     * A {@link SettingsSnapshot}, made on each call: every provider call goes through the gate,
     * whose {@code SettingsViews} keep the snapshot for as long as the provider's registration,
     * so a second cache here would only hold the same object twice.
     */
    @Override
    public <T> T settings(Class<T> type) {
        return type.cast(SettingsSnapshot.of(settings, type, connectionId));
    }

    /** Never print credentials, not even by accident in a log line. */
    @Override
    public String toString() {
        return "ProviderAccount[" + connectionId + "]";
    }
}
