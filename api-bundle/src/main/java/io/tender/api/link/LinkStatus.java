package io.tender.api.link;

/** Where a payment link stands. */
public enum LinkStatus {
    /** It can be paid. */
    OPEN,
    /** It was paid; it cannot be paid again. */
    PAID,
    /** Its time ran out unpaid. */
    EXPIRED,
    /** An admin withdrew it. */
    CANCELLED
}
