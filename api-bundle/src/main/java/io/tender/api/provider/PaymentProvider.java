package io.tender.api.provider;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A payment partner, registered as one OSGi service per partner with the service property
 * {@value #ID_PROPERTY} (use {@link PaymentProviderService}).
 *
 * <p>The platform calls it for one {@link ProviderAccount} at a time: the credentials an admin
 * entered for a location. Implementations keep no per-account state that the platform would have
 * to restore; they may be stopped and updated at any time, also between two calls for one payment.
 *
 * <p>Every call that moves money takes an idempotency key derived from Tender's own ids: the same
 * key must never charge or refund twice, also across restarts and updates of the provider bundle.
 * Failures are reported as a {@link ProviderException} whose {@link ProviderErrorKind} tells
 * whether the request may have taken effect.
 */
@ConsumerType
public interface PaymentProvider {

    /** The service property that carries the provider id. */
    String ID_PROPERTY = "tender.provider.id";

    /** @return what the provider is, what it can do and how it is set up */
    ProviderDescriptor descriptor();

    /**
     * The "Connect" check: proves the credentials work with a call that changes nothing.
     *
     * @param account the credentials to check
     * @throws ProviderException with {@link ProviderErrorKind#AUTHENTICATION} if they are refused,
     *                           or another kind if the provider cannot be reached
     */
    void verifyCredentials(ProviderAccount account) throws ProviderException;

    /**
     * Opens a hosted checkout the client is sent to.
     *
     * @param account the connection's credentials
     * @param request what to charge; {@link CheckoutRequest#idempotencyKey()} must be honoured
     * @return the open checkout
     * @throws ProviderException if no checkout was opened, or it is unknown whether one was
     */
    CheckoutSession startCheckout(ProviderAccount account, CheckoutRequest request) throws ProviderException;

    /**
     * Reads the current state of a checkout or payment; used to recover from missed webhooks and
     * unknown outcomes.
     *
     * @param account           the connection's credentials
     * @param providerReference the reference returned by {@link #startCheckout}
     * @return the state as the provider knows it
     * @throws ProviderException if the state cannot be read now
     */
    PaymentSnapshot fetchState(ProviderAccount account, String providerReference) throws ProviderException;

    /**
     * Refunds all or part of a captured payment.
     *
     * @param account the connection's credentials
     * @param request the refund; {@link RefundRequest#idempotencyKey()} must be honoured
     * @return the refund's state
     * @throws ProviderException if the refund was not made, or it is unknown whether it was
     */
    RefundResult refund(ProviderAccount account, RefundRequest request) throws ProviderException;

    /**
     * Closes a checkout that was not paid, so that it can no longer be paid.
     *
     * @param account           the connection's credentials
     * @param providerReference the reference returned by {@link #startCheckout}
     * @return the state after the cancel: {@link ProviderStatus#CANCELED} or
     *         {@link ProviderStatus#EXPIRED}, or the final state if it was paid meanwhile
     * @throws ProviderException if the checkout could not be closed
     */
    PaymentSnapshot cancelCheckout(ProviderAccount account, String providerReference) throws ProviderException;

    /**
     * Verifies that a webhook comes from the provider for this account and turns it into an event.
     *
     * @param account the connection the webhook was addressed to
     * @param request the raw body and every header, as received
     * @return the event it carries
     * @throws WebhookRejectedException if the signature, timestamp or body is not acceptable
     */
    ProviderEvent parseWebhook(ProviderAccount account, WebhookRequest request) throws WebhookRejectedException;
}
