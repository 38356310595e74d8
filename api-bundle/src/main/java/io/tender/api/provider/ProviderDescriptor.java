package io.tender.api.provider;

import java.util.Currency;
import java.util.Set;

/**
 * What a provider says of itself, shown to admins and used by the platform to route.
 *
 * @param id           the provider id, the same as the service property
 * @param displayName  the partner's name as admins know it
 * @param version      the provider implementation's version
 * @param capabilities what it can do beyond taking a payment
 * @param currencies   the currencies it accepts; empty means any ISO-4217 currency
 * @param feeNote      a short note on the partner's fee, shown next to "Tender takes no fee"
 * @param settingsPid  the PID of the metatype object class in the provider's bundle that describes
 *                     its connection settings; the console renders it as the setup form
 */
public record ProviderDescriptor(
        String id,
        String displayName,
        String version,
        Set<ProviderCapability> capabilities,
        Set<Currency> currencies,
        String feeNote,
        String settingsPid) {

    public ProviderDescriptor {
        capabilities = Set.copyOf(capabilities);
        currencies = Set.copyOf(currencies);
    }

    /** @return true if the provider takes payments in the currency */
    public boolean accepts(Currency currency) {
        return currencies.isEmpty() || currencies.contains(currency);
    }
}
