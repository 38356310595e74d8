package io.tender.core.internal.catalog;

import io.tender.api.Money;
import io.tender.api.catalog.Booking;
import io.tender.api.catalog.Service;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * Catalogue reads and writes inside another component's transaction: a payment link reads the booked
 * service, and records its payment on the booking in the transaction that marks it paid.
 */
public final class CatalogQueries {

    private static final CatalogRepository CATALOG = new CatalogRepository();

    private CatalogQueries() {
    }

    public static Optional<Booking> booking(Connection db, String locationId, String bookingId) throws SQLException {
        return CATALOG.booking(db, locationId, bookingId);
    }

    /** Records that a payment paid for a booking, once per payment. */
    public static void recordPayment(Connection db, String locationId, String bookingId, String paymentId, Money amount,
            Instant now) throws SQLException {
        CATALOG.recordEntry(db, locationId, bookingId, paymentId, amount, now);
    }

    public static Optional<Service> service(Connection db, String locationId, String serviceId) throws SQLException {
        return CATALOG.service(db, locationId, serviceId);
    }
}
