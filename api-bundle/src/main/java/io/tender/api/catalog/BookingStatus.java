package io.tender.api.catalog;

/** Where a booking stands, as far as payments are concerned. */
public enum BookingStatus {
    /** Booked; nothing is to be paid online, or the client pays at the visit. */
    BOOKED,
    /** Held until its prepayment is paid; released if the hold runs out. */
    HELD,
    /** Prepaid and confirmed. */
    CONFIRMED,
    /** The hold ran out before the prepayment was paid; the slot is free again. */
    RELEASED,
    /** Cancelled by the client or the business. */
    CANCELLED,
    /** The client did not come. Counts against them where prepayment asks clients with past no-shows. */
    NO_SHOW
}
