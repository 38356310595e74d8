package io.tender.api.provider;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Marks a Declarative Services component as a {@link PaymentProvider} with its id:
 * {@code @PaymentProviderService(id = "stripe")}.
 */
@ComponentPropertyType
public @interface PaymentProviderService {

    /** Prefix of the generated service property name. */
    String PREFIX_ = "tender.provider.";

    /**
     * @return the provider id: lower-case letters, digits and {@code -}; unique among the
     *         installed providers. Becomes the service property {@value PaymentProvider#ID_PROPERTY}.
     */
    String id();
}
