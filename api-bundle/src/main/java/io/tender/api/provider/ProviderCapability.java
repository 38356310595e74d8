package io.tender.api.provider;

/** Things a provider can do beyond opening a checkout and reading its state. */
public enum ProviderCapability {
    /** Refunds the whole captured amount. */
    REFUNDS,
    /** Refunds part of the captured amount, several times. */
    PARTIAL_REFUNDS,
    /** Closes an open checkout on request. */
    CANCEL_CHECKOUT,
    /** Reports changes through signed webhooks. */
    WEBHOOKS
}
