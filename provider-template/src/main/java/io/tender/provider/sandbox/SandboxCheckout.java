package io.tender.provider.sandbox;

import io.tender.api.Money;
import io.tender.api.provider.ProviderStatus;
import java.net.URI;
import java.time.Instant;

/**
 * One checkout at the simulated partner: what is paid, where the client goes afterwards, where
 * and how notifications are sent, and what happened so far.
 */
record SandboxCheckout(
        String id,
        String connectionId,
        String paymentId,
        Money amount,
        String merchantName,
        String description,
        URI successUrl,
        URI cancelUrl,
        URI webhookUrl,
        String webhookSecret,
        Instant expiresAt,
        ProviderStatus status,
        long refundedMinor) {

    SandboxCheckout with(ProviderStatus newStatus) {
        return new SandboxCheckout(id, connectionId, paymentId, amount, merchantName, description, successUrl, cancelUrl,
                webhookUrl, webhookSecret, expiresAt, newStatus, refundedMinor);
    }

    SandboxCheckout refunded(long minor) {
        return new SandboxCheckout(id, connectionId, paymentId, amount, merchantName, description, successUrl, cancelUrl,
                webhookUrl, webhookSecret, expiresAt, status, refundedMinor + minor);
    }

    /** @return true while the client can still pay */
    boolean payable() {
        return status == ProviderStatus.PENDING || status == ProviderStatus.REQUIRES_ACTION;
    }

    /** Never print the signing secret. */
    @Override
    public String toString() {
        return "SandboxCheckout[" + id + " " + status + " " + amount + "]";
    }
}
