/** The Stripe provider. Private: the platform sees it only as a PaymentProvider service. */
package io.tender.provider.stripe;
