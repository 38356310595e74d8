package io.tender.api.catalog;

/**
 * What a location knows of a client from their earlier bookings.
 *
 * @param bookings earlier bookings that were kept or missed (not released or cancelled ones)
 * @param noShows  how many of them the client missed
 */
public record ClientHistory(int bookings, int noShows) {

    /** @return true if the client never booked here before */
    public boolean isNew() {
        return bookings == 0;
    }
}
