/** The three payment methods Tender ships. Private: other bundles see them only as PaymentMethod services. */
package io.tender.methods.internal;
