package io.tender.api.provider;

/** Why a provider call failed, and so whether it may have taken effect. */
public enum ProviderErrorKind {
    /** The credentials were refused. Nothing took effect. */
    AUTHENTICATION,
    /** The provider refused the request as malformed or not allowed. Nothing took effect. */
    INVALID_REQUEST,
    /** The payment or refund was declined. Nothing was captured or refunded. */
    DECLINED,
    /** The provider could not be reached or was overloaded. The request definitely did not take effect. */
    UNAVAILABLE,
    /** No answer in time, or a server error: the request may or may not have taken effect. */
    TIMEOUT;

    /** @return true if the request may have taken effect, so it must be checked before anything else */
    public boolean outcomeUnknown() {
        return this == TIMEOUT;
    }
}
