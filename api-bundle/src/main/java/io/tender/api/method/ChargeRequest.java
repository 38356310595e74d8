package io.tender.api.method;

import io.tender.api.Money;
import java.util.Map;

/**
 * What a caller asks a method to charge for.
 *
 * @param locationId      the location
 * @param purpose         the kind of business object, e.g. {@code booking}, {@code goods}
 * @param reference       the business object's id
 * @param requestedAmount the amount the caller asked for, or null to let the method decide
 * @param description     the caller's description, or null
 * @param options         the method's options at this location, as {@link PaymentMethod#checkOptions} accepted them
 */
public record ChargeRequest(String locationId, String purpose, String reference, Money requestedAmount, String description,
        Map<String, Object> options) {

    public ChargeRequest {
        options = options == null ? Map.of() : options;
    }
}
