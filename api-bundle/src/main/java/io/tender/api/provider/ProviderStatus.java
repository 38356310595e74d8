package io.tender.api.provider;

/**
 * The closed set of outcomes a provider reports. It keeps apart what must never be confused:
 * a payment that was declined, one that was definitely never sent, and one whose outcome is unknown.
 */
public enum ProviderStatus {
    /** Money was captured. */
    SUCCEEDED,
    /** Open or processing: the client has not paid yet, or the payment is settling. */
    PENDING,
    /** The client must complete a further step. */
    REQUIRES_ACTION,
    /** The provider or issuer declined; nothing was captured. */
    DECLINED,
    /** The checkout was closed on request. */
    CANCELED,
    /** The checkout expired unpaid. */
    EXPIRED,
    /** The request definitely did not take effect at the provider. */
    NOT_SENT,
    /** The outcome is not known; the state must be fetched before anything else is tried. */
    UNKNOWN
}
