package io.tender.core.internal.routing;

import io.tender.api.provider.PaymentProvider;
import java.util.Map;
import io.tender.api.provider.ProviderAccount;
import io.tender.core.internal.settings.ConnectionRow;

/**
 * Where a payment goes: a connection, the provider running behind it, its decrypted account, the
 * name of the location it belongs to (the merchant the client sees), and for a new payment the
 * method's options at that location (empty for routes to an existing payment's connection).
 */
public record Route(ConnectionRow connection, PaymentProvider provider, ProviderAccount account, String locationName,
        Map<String, Object> methodOptions) {
}
