package io.tender.core.internal.routing;

import io.tender.api.Location;
import io.tender.api.MethodSetting;
import io.tender.api.TenderException;
import io.tender.api.method.PaymentMethod;
import io.tender.api.provider.PaymentProvider;
import io.tender.core.internal.settings.ConnectionAccount;
import io.tender.core.internal.settings.ConnectionRow;
import io.tender.core.internal.settings.SealedSettings;
import io.tender.core.internal.settings.SettingsRepository;
import io.tender.core.internal.store.TenderStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Routes (location, method) to the one connection bound to it and the provider behind it; routes
 * an existing payment to the connection it was made with, whatever the method is bound to now.
 */
public final class PaymentRouter {

    private final TenderStore store;
    private final RunningServices running;
    private final SealedSettings sealed;
    private final SettingsRepository settings = new SettingsRepository();
    /** Opened settings by connection id, with the sealed text they were opened from. */
    private final Map<String, OpenedSettings> opened = new ConcurrentHashMap<>();

    public PaymentRouter(TenderStore store, RunningServices running, SealedSettings sealed) {
        this.store = store;
        this.running = running;
        this.sealed = sealed;
    }

    /** @return the method, if it is installed */
    public PaymentMethod method(String methodId) {
        return running.method(methodId).orElseThrow(
                () -> TenderException.notFound("methodId", "no payment method '" + methodId + "' is installed"));
    }

    /**
     * @return the route for a new payment of the method at the location
     * @throws TenderException if the location is unknown, the method is off or unbound, or its provider is not installed
     */
    public Route forNewPayment(String locationId, String methodId) {
        return route(store.inTransaction(db -> {
            Location location = settings.location(db, locationId).orElseThrow(() ->
                    TenderException.notFound("locationId", "no location '" + locationId + "'"));
            MethodSetting setting = settings.methodSetting(db, locationId, methodId)
                    .filter(MethodSetting::enabled)
                    .orElseThrow(() -> TenderException.invalid("methodId",
                            "payment method '" + methodId + "' is not enabled at location '" + locationId + "'"));
            ConnectionRow connection = settings.connection(db, setting.connectionId()).orElseThrow(() ->
                    TenderException.invalid("methodId",
                            "payment method '" + methodId + "' has no provider connection at location '" + locationId + "'"));
            return new Found(connection, location.name(), setting.options());
        }));
    }

    /**
     * @return the route to a connection, for operations on payments made through it and its webhooks
     * @throws TenderException if the connection is unknown or its provider is not installed
     */
    public Route forConnection(String connectionId) {
        return route(store.inTransaction(db -> {
            ConnectionRow connection = settings.connection(db, connectionId).orElseThrow(() ->
                    TenderException.notFound("connectionId", "no provider connection '" + connectionId + "'"));
            String locationName = settings.location(db, connection.locationId()).map(Location::name)
                    .orElse(connection.locationId());
            return new Found(connection, locationName, Map.of());
        }));
    }

    /** @return true, without waiting, if the connection's provider runs (or is being updated) */
    public boolean providerAvailable(String connectionId) {
        return store.inTransaction(db -> settings.connection(db, connectionId))
                .map(connection -> running.available(connection.providerId())).orElse(false);
    }

    /** What one transaction read for a route: everything the database knows of it. */
    private record Found(ConnectionRow connection, String locationName, Map<String, Object> methodOptions) {
    }

    private record OpenedSettings(String sealedSettings, Map<String, Object> settings) {
    }

    /**
     * Opening the sealed settings (AES-GCM, JSON) on every payment cost more than the bare stack's
     * whole insert; a connection's settings change only with its sealed text (a new nonce each
     * time), so they are opened again exactly when that text differs. Only the map is kept, of JDK
     * types: an account, whose typed views are the provider's classes, lives for one route, so that
     * no old revision of a provider bundle stays reachable after an update (ProviderHotSwapIT).
     */
    private ConnectionAccount account(ConnectionRow connection) {
        OpenedSettings settings = opened.get(connection.id());
        if (settings == null || !settings.sealedSettings().equals(connection.sealedSettings())) {
            settings = new OpenedSettings(connection.sealedSettings(), sealed.open(connection));
            opened.put(connection.id(), settings);
        }
        return new ConnectionAccount(connection.id(), connection.locationId(), settings.settings());
    }

    private Route route(Found found) {
        ConnectionRow connection = found.connection();
        PaymentProvider provider = running.provider(connection.providerId()).orElseThrow(() -> new TenderException(
                TenderException.Reason.PROVIDER_NOT_INSTALLED, null,
                "provider '" + connection.providerId() + "' is not installed"));
        return new Route(connection, provider,
                account(connection), found.locationName(),
                found.methodOptions());
    }
}
