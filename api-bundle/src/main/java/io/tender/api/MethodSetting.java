package io.tender.api;

/**
 * How a payment method is set up at a location.
 *
 * @param locationId   the location
 * @param methodId     the payment method
 * @param enabled      whether clients are offered the method
 * @param connectionId the one provider connection new payments of this method go to, or null
 */
public record MethodSetting(String locationId, String methodId, boolean enabled, String connectionId) {
}
