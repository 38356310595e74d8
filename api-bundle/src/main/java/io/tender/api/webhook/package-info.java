/**
 * The webhook inbox: every verified provider event is stored with its provider event id before it
 * is acknowledged, applied once, retried with backoff when applying fails, and parked as a dead
 * letter after the last retry, where {@link io.tender.api.webhook.WebhookInbox} shows it to an
 * operator and lets them send it through again.
 */
@Export
@Version("1.0.0")
package io.tender.api.webhook;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
