package io.tender.core.internal.routing;

import io.tender.api.provider.ProviderAccount;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The typed views of connection settings ({@link ProviderAccount#settings(Class)}) made for one
 * provider registration, kept across payments: reading them anew for every payment cost 12 % of
 * its CPU (docs/PERFORMANCE.md). They are instances of the provider's own types, so they live
 * exactly as long as its registration; a view kept past an update would keep the old bundle
 * revision's classes reachable. A connection's view is made again once its settings differ; the
 * views of a deleted connection stay until the registration goes (one small snapshot per
 * connection and settings type ever used with this provider).
 */
final class SettingsViews {

    private record Key(String connectionId, Class<?> type) {
    }

    private record View(Map<String, Object> settings, Object value) {
    }

    private final Map<Key, View> views = new ConcurrentHashMap<>();

    /** @return the account, its typed views taken from this registration's */
    ProviderAccount over(ProviderAccount account) {
        return new ProviderAccount() {
            @Override
            public String connectionId() {
                return account.connectionId();
            }

            @Override
            public String locationId() {
                return account.locationId();
            }

            @Override
            public Map<String, Object> settings() {
                return account.settings();
            }

            @Override
            public <T> T settings(Class<T> type) {
                Key key = new Key(account.connectionId(), type);
                Map<String, Object> settings = account.settings();
                View view = views.get(key);
                if (view == null || view.settings() != settings && !view.settings().equals(settings)) {
                    view = new View(settings, account.settings(type));
                    views.put(key, view);
                }
                return type.cast(view.value());
            }

            @Override
            public String toString() {
                return account.toString();
            }
        };
    }
}
