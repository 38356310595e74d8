package io.tender.api.method;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Marks a Declarative Services component as a {@link PaymentMethod} with its id:
 * {@code @PaymentMethodService(id = "payment-link")}.
 */
@ComponentPropertyType
public @interface PaymentMethodService {

    /** Prefix of the generated service property name. */
    String PREFIX_ = "tender.method.";

    /** @return the method id; becomes the service property {@value PaymentMethod#ID_PROPERTY} */
    String id();
}
