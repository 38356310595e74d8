package io.tender.api.method;

import io.tender.api.Payment;
import io.tender.api.TenderException;
import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One way a location takes money, registered as an OSGi service with the service property
 * {@value #ID_PROPERTY} (use {@link PaymentMethodService}). A location enables it and binds it to
 * exactly one provider connection; the platform routes its payments there.
 */
@ConsumerType
public interface PaymentMethod {

    /** The service property that carries the method id. */
    String ID_PROPERTY = "tender.method.id";

    /** @return the method's id, title and "How it works" content */
    MethodDescriptor descriptor();

    /**
     * Checks the method's own options before the platform stores them for a location.
     *
     * @param locationId the location
     * @param options    the options, JSON-shaped (maps, lists, strings, numbers, booleans)
     * @throws TenderException with {@link TenderException.Reason#INVALID} naming {@code options.<path>}
     *                         if they are not acceptable
     */
    default void checkOptions(String locationId, Map<String, Object> options) {
        if (!options.isEmpty()) {
            throw TenderException.invalid("options", "payment method '" + descriptor().id() + "' has no options");
        }
    }

    /**
     * Decides whether the client pays online for a business object, and how much. The amount
     * returned is the only amount the platform charges.
     *
     * @param request what is to be paid
     * @return the charge, or empty if no online payment is needed for this request
     * @throws TenderException with {@link TenderException.Reason#INVALID} if the request is not
     *                         acceptable to the method, naming the field at fault
     */
    Optional<Charge> charge(ChargeRequest request);

    /**
     * What the client got for a payment, in a sentence for the page they return to after paying,
     * e.g. "Your booking is confirmed." or a gift card's code. The consequence of a payment may
     * follow it a moment later; the sentence says so then.
     *
     * @param payment a payment of this method
     * @return the sentence, or empty if the payment alone says enough
     */
    default Optional<String> outcome(Payment payment) {
        return Optional.empty();
    }

    /**
     * Called once a payment of this method reaches a final state (succeeded, declined, failed,
     * cancelled, expired), to apply its consequence to the business object. Must be idempotent:
     * it may be called again for the same payment after a restart.
     *
     * @param payment the payment in its final state
     */
    void settled(Payment payment);
}
