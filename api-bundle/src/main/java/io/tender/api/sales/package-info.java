/**
 * Online sales: what a location sells online (gift cards and memberships) and what it
 * issued: gift cards with their balances and every movement, memberships with their visits. {@link io.tender.api.sales.SalesService} keeps them; the
 * {@code online-sales} method sells them.
 */
@Export
@Version("2.1.0")
package io.tender.api.sales;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
