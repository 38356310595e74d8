package io.tender.core.internal.catalog;

import io.tender.api.catalog.Booking;
import io.tender.api.catalog.Service;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/** Catalogue lookups inside another component's transaction (a payment link reads the booked service). */
public final class CatalogQueries {

    private static final CatalogRepository CATALOG = new CatalogRepository();

    private CatalogQueries() {
    }

    public static Optional<Booking> booking(Connection db, String locationId, String bookingId) throws SQLException {
        return CATALOG.booking(db, locationId, bookingId);
    }

    public static Optional<Service> service(Connection db, String locationId, String serviceId) throws SQLException {
        return CATALOG.service(db, locationId, serviceId);
    }
}
