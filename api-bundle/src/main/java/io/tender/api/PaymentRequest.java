package io.tender.api;

/**
 * A request to take a payment for a business object at a location, through one of its methods.
 *
 * @param locationId     the location
 * @param methodId       the payment method, e.g. {@code payment-link}
 * @param amount         the amount asked for; the method decides what is charged and may refuse it
 * @param purpose        what kind of business object is paid, e.g. {@code booking}, {@code goods}
 * @param reference      the business object's id in the host system
 * @param description    what the client sees at checkout, or null for the method's default
 * @param customerEmail  the client's email address when known, or null
 * @param returnUrl      where the provider sends the client back after checkout, or null for
 *                       Tender's own result page
 * @param idempotencyKey a key the caller chooses; repeating a request with the same key returns
 *                       the first payment instead of creating a second one. May be null.
 */
public record PaymentRequest(
        String locationId,
        String methodId,
        Money amount,
        String purpose,
        String reference,
        String description,
        String customerEmail,
        String returnUrl,
        String idempotencyKey) {
}
