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

/**
 * Routes (location, method) to the one connection bound to it and the provider behind it; routes
 * an existing payment to the connection it was made with, whatever the method is bound to now.
 */
public final class PaymentRouter {

    private final TenderStore store;
    private final RunningServices running;
    private final SealedSettings sealed;
    private final SettingsRepository settings = new SettingsRepository();

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
        MethodSetting[] setting = new MethodSetting[1];
        ConnectionRow connection = store.inTransaction(db -> {
            if (settings.location(db, locationId).isEmpty()) {
                throw TenderException.notFound("locationId", "no location '" + locationId + "'");
            }
            setting[0] = settings.methodSetting(db, locationId, methodId)
                    .filter(MethodSetting::enabled)
                    .orElseThrow(() -> TenderException.invalid("methodId",
                            "payment method '" + methodId + "' is not enabled at location '" + locationId + "'"));
            return settings.connection(db, setting[0].connectionId()).orElseThrow(() -> TenderException.invalid("methodId",
                    "payment method '" + methodId + "' has no provider connection at location '" + locationId + "'"));
        });
        return route(connection, setting[0].options());
    }

    /**
     * @return the route to a connection, for operations on payments made through it and its webhooks
     * @throws TenderException if the connection is unknown or its provider is not installed
     */
    public Route forConnection(String connectionId) {
        ConnectionRow connection = store.inTransaction(db -> settings.connection(db, connectionId)).orElseThrow(
                () -> TenderException.notFound("connectionId", "no provider connection '" + connectionId + "'"));
        return route(connection, Map.of());
    }

    private Route route(ConnectionRow connection, Map<String, Object> methodOptions) {
        PaymentProvider provider = running.provider(connection.providerId()).orElseThrow(() -> new TenderException(
                TenderException.Reason.PROVIDER_NOT_INSTALLED, null,
                "provider '" + connection.providerId() + "' is not installed"));
        String locationName = store.inTransaction(db -> settings.location(db, connection.locationId()))
                .map(Location::name).orElse(connection.locationId());
        return new Route(connection, provider,
                new ConnectionAccount(connection.id(), connection.locationId(), sealed.open(connection)), locationName,
                methodOptions);
    }
}
