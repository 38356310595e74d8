package io.tender.api;

import java.util.Map;

/**
 * How a payment method is set up at a location.
 *
 * @param locationId   the location
 * @param methodId     the payment method
 * @param enabled      whether clients are offered the method
 * @param connectionId the one provider connection new payments of this method go to, or null
 * @param options      the method's own settings (for prepayment: which services and employees need
 *                     it, and how much), checked by the method; JSON-shaped values
 * @param version      how often it was saved: 0 for never; each save adds one (for ETag / If-Match)
 */
public record MethodSetting(String locationId, String methodId, boolean enabled, String connectionId,
        Map<String, Object> options, long version) {

    public MethodSetting {
        options = options == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
    }

    /** A setting to save; its version is the store's. */
    public MethodSetting(String locationId, String methodId, boolean enabled, String connectionId, Map<String, Object> options) {
        this(locationId, methodId, enabled, connectionId, options, 0);
    }

    /** A setting to save, without options of the method's own. */
    public MethodSetting(String locationId, String methodId, boolean enabled, String connectionId) {
        this(locationId, methodId, enabled, connectionId, Map.of());
    }
}
