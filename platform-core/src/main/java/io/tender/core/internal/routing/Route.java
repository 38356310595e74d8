package io.tender.core.internal.routing;

import io.tender.api.provider.PaymentProvider;
import io.tender.api.provider.ProviderAccount;
import io.tender.core.internal.settings.ConnectionRow;

/**
 * Where a payment goes: a connection, the provider running behind it, its decrypted account, and
 * the name of the location it belongs to (the merchant the client sees).
 */
public record Route(ConnectionRow connection, PaymentProvider provider, ProviderAccount account, String locationName) {
}
