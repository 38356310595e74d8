/**
 * The service-provider interface of a payment method: {@link io.tender.api.method.PaymentMethod}.
 * A method owns the business rules of one way of taking money (prepayment in the booking form,
 * payment by link, online sales) and is registered with {@link io.tender.api.method.PaymentMethodService}.
 */
@Export
@Version("1.0.0")
package io.tender.api.method;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
