/**
 * Payment links: an admin sends a client a short, unguessable link to pay for a visit or for
 * goods. {@link io.tender.api.link.PaymentLinkService} keeps them; the {@code payment-link} method
 * charges them.
 */
@Export
@Version("1.3.0")
package io.tender.api.link;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
