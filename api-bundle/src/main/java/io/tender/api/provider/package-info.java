/**
 * The service-provider interface a payment partner implements: {@link io.tender.api.provider.PaymentProvider}
 * and the values it exchanges with the platform. A partner ships as its own bundle that registers
 * one {@code PaymentProvider} service, marked with {@link io.tender.api.provider.PaymentProviderService}.
 */
@Export
@Version("1.0.0")
package io.tender.api.provider;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
