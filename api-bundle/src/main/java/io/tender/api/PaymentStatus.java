package io.tender.api;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a payment stands in the ledger, and which moves between states are legal.
 *
 * <p>A payment is recorded as {@link #CREATED} before any provider is called. Terminal states
 * are never left, except that a succeeded payment moves on through refunds.
 */
public enum PaymentStatus {
    /** Recorded; the provider has not confirmed that it received the request. */
    CREATED,
    /** The provider holds an open checkout or is processing the payment. */
    PENDING,
    /** The client must do something more (a second confirmation step). */
    REQUIRES_ACTION,
    /** The outcome is not known (timeout, provider 5xx); Tender must fetch the state, never charge again. */
    UNKNOWN,
    /** Money was captured. */
    SUCCEEDED,
    /** Part of the captured amount was refunded. */
    PARTIALLY_REFUNDED,
    /** The whole captured amount was refunded. */
    REFUNDED,
    /** The provider or the card issuer declined the payment. */
    DECLINED,
    /** The request definitely did not reach the provider, or the provider refused it outright. */
    FAILED,
    /** The checkout was cancelled before it was paid. */
    CANCELED,
    /** The checkout expired before it was paid. */
    EXPIRED;

    private static final Set<PaymentStatus> OPEN = EnumSet.of(CREATED, PENDING, REQUIRES_ACTION, UNKNOWN);

    /** @return true if no further transition is possible, refunds included */
    public boolean isTerminal() {
        return this == REFUNDED || this == DECLINED || this == FAILED || this == CANCELED || this == EXPIRED;
    }

    /** @return true while the outcome of the payment is still open */
    public boolean isOpen() {
        return OPEN.contains(this);
    }

    /** @return true if money was captured and may be refunded */
    public boolean isCaptured() {
        return this == SUCCEEDED || this == PARTIALLY_REFUNDED;
    }

    /**
     * @param next the proposed next state
     * @return true if the ledger accepts a move from this state to {@code next}
     */
    public boolean canMoveTo(PaymentStatus next) {
        if (isOpen()) {
            return next != this && next != CREATED && next != PARTIALLY_REFUNDED && next != REFUNDED;
        }
        if (isCaptured()) {
            return next == PARTIALLY_REFUNDED || next == REFUNDED;
        }
        return false;
    }
}
