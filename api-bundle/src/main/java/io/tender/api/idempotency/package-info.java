/**
 * Idempotent requests with Stripe's semantics: the first answer to a request that carries an
 * {@code Idempotency-Key} is kept for a day and given again to every retry with that key; the same
 * key with other parameters is refused; concurrent requests with one key run once.
 * {@link io.tender.api.idempotency.IdempotentRequests} keeps the answers, in the platform's store,
 * so that every node of a cluster sees them.
 */
@Export
@Version("1.0.0")
package io.tender.api.idempotency;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
