/**
 * The small catalogue a location needs for its payments: services with their prices, employees,
 * and bookings. A host booking system pushes it through the API; payment methods read it to decide
 * what a client pays and update bookings when a payment settles.
 */
@Export
@Version("2.1.0")
package io.tender.api.catalog;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
