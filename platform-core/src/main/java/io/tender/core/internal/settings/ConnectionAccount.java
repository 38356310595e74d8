package io.tender.core.internal.settings;

import io.tender.api.provider.ProviderAccount;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The decrypted settings of one connection, handed to its provider for its calls. */
public final class ConnectionAccount implements ProviderAccount {

    private final String connectionId;
    private final String locationId;
    private final Map<String, Object> settings;
    private final Map<Class<?>, Object> typed = new ConcurrentHashMap<>();

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
     * The settings are immutable, so each type is read once for this account: a {@link
     * SettingsSnapshot}. Calls through the router keep it longer, for as long as the provider's
     * registration (see ProviderGate).
     */
    @Override
    public <T> T settings(Class<T> type) {
        return type.cast(typed.computeIfAbsent(type, t -> SettingsSnapshot.of(settings, t, connectionId)));
    }

    /** Never print credentials, not even by accident in a log line. */
    @Override
    public String toString() {
        return "ProviderAccount[" + connectionId + "]";
    }
}
