/**
 * The platform's own contracts: money, the payment ledger's view of a payment, and the services
 * that {@code platform-core} implements for the console and other callers
 * ({@link io.tender.api.PaymentService}, {@link io.tender.api.SettingsService},
 * {@link io.tender.api.PlatformInventory}).
 */
@Export
@Version("2.4.0")
package io.tender.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
