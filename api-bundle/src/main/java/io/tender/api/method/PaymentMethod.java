package io.tender.api.method;

import io.tender.api.Payment;
import io.tender.api.TenderException;
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
     * Decides what the client is charged for a business object. The amount returned is the only
     * amount the platform charges.
     *
     * @param request what is to be paid
     * @return the charge
     * @throws TenderException with {@link TenderException.Reason#INVALID} if the method does not
     *                         take payments for this request
     */
    Charge charge(ChargeRequest request);

    /**
     * Called once a payment of this method reaches a final state (succeeded, declined, failed,
     * cancelled, expired), to apply its consequence to the business object. Must be idempotent:
     * it may be called again for the same payment after a restart.
     *
     * @param payment the payment in its final state
     */
    void settled(Payment payment);
}
