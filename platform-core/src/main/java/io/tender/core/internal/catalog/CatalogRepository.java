package io.tender.core.internal.catalog;

import io.tender.api.Money;
import io.tender.api.catalog.Booking;
import io.tender.api.catalog.BookingStatus;
import io.tender.api.catalog.ClientHistory;
import io.tender.api.catalog.Employee;
import io.tender.api.catalog.Service;
import io.tender.core.internal.store.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** SQL for the catalogue. Saves are update-then-insert, portable between H2 and PostgreSQL. */
final class CatalogRepository {

    // ---- services --------------------------------------------------------------------------

    private static final String SERVICE = "SELECT location_id, id, name, category, min_price_minor, max_price_minor, currency"
            + " FROM catalog_service";

    private static Service service(ResultSet rows) throws SQLException {
        Currency currency = Currency.getInstance(rows.getString(7));
        return new Service(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
                new Money(rows.getLong(5), currency), new Money(rows.getLong(6), currency));
    }

    void saveService(Connection db, Service s, Instant now) throws SQLException {
        Sql.Binder values = statement -> {
            statement.setString(1, s.name());
            statement.setString(2, s.category());
            statement.setLong(3, s.minPrice().minorUnits());
            statement.setLong(4, s.maxPrice().minorUnits());
            statement.setString(5, s.minPrice().currency().getCurrencyCode());
            statement.setTimestamp(6, Timestamp.from(now));
            statement.setString(7, s.locationId());
            statement.setString(8, s.id());
        };
        if (Sql.execute(db, "UPDATE catalog_service SET name = ?, category = ?, min_price_minor = ?, max_price_minor = ?,"
                + " currency = ?, updated_at = ? WHERE location_id = ? AND id = ?", values) == 0) {
            Sql.execute(db, "INSERT INTO catalog_service (name, category, min_price_minor, max_price_minor, currency, updated_at,"
                    + " location_id, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", values);
        }
    }

    List<Service> services(Connection db, String locationId) throws SQLException {
        return Sql.list(db, SERVICE + " WHERE location_id = ? ORDER BY id", CatalogRepository::service, locationId);
    }

    Optional<Service> service(Connection db, String locationId, String id) throws SQLException {
        return Sql.list(db, SERVICE + " WHERE location_id = ? AND id = ?", CatalogRepository::service, locationId, id)
                .stream().findFirst();
    }

    // ---- employees -------------------------------------------------------------------------

    private static final String EMPLOYEE = "SELECT location_id, id, name FROM catalog_employee";

    private static Employee employee(ResultSet rows) throws SQLException {
        return new Employee(rows.getString(1), rows.getString(2), rows.getString(3));
    }

    void saveEmployee(Connection db, Employee e, Instant now) throws SQLException {
        Sql.Binder values = statement -> {
            statement.setString(1, e.name());
            statement.setTimestamp(2, Timestamp.from(now));
            statement.setString(3, e.locationId());
            statement.setString(4, e.id());
        };
        if (Sql.execute(db, "UPDATE catalog_employee SET name = ?, updated_at = ? WHERE location_id = ? AND id = ?", values) == 0) {
            Sql.execute(db, "INSERT INTO catalog_employee (name, updated_at, location_id, id) VALUES (?, ?, ?, ?)", values);
        }
    }

    List<Employee> employees(Connection db, String locationId) throws SQLException {
        return Sql.list(db, EMPLOYEE + " WHERE location_id = ? ORDER BY id", CatalogRepository::employee, locationId);
    }

    Optional<Employee> employee(Connection db, String locationId, String id) throws SQLException {
        return Sql.list(db, EMPLOYEE + " WHERE location_id = ? AND id = ?", CatalogRepository::employee, locationId, id)
                .stream().findFirst();
    }

    // ---- bookings --------------------------------------------------------------------------

    private static final String BOOKING = "SELECT location_id, id, service_id, employee_id, client_name, client_email,"
            + " client_phone, starts_at, status, hold_until, payment_id FROM booking";

    private static Booking booking(ResultSet rows) throws SQLException {
        Timestamp hold = rows.getTimestamp(10);
        return new Booking(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4), rows.getString(5),
                rows.getString(6), rows.getString(7), rows.getTimestamp(8).toInstant(), BookingStatus.valueOf(rows.getString(9)),
                hold == null ? null : hold.toInstant(), rows.getString(11));
    }

    /** Creates the booking as BOOKED, or replaces its details keeping status and hold. */
    void saveBooking(Connection db, Booking b, Instant now) throws SQLException {
        Sql.Binder details = statement -> {
            statement.setString(1, b.serviceId());
            statement.setString(2, b.employeeId());
            statement.setString(3, b.clientName());
            statement.setString(4, b.clientEmail());
            statement.setString(5, b.clientPhone());
            statement.setTimestamp(6, Timestamp.from(b.startsAt()));
            statement.setTimestamp(7, Timestamp.from(now));
            statement.setString(8, b.locationId());
            statement.setString(9, b.id());
        };
        if (Sql.execute(db, "UPDATE booking SET service_id = ?, employee_id = ?, client_name = ?, client_email = ?,"
                + " client_phone = ?, starts_at = ?, updated_at = ? WHERE location_id = ? AND id = ?", details) == 0) {
            Sql.execute(db, "INSERT INTO booking (service_id, employee_id, client_name, client_email, client_phone, starts_at,"
                    + " updated_at, location_id, id, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'BOOKED')", details);
        }
    }

    List<Booking> bookings(Connection db, String locationId) throws SQLException {
        return Sql.list(db, BOOKING + " WHERE location_id = ? ORDER BY starts_at, id", CatalogRepository::booking, locationId);
    }

    Optional<Booking> booking(Connection db, String locationId, String id) throws SQLException {
        return Sql.list(db, BOOKING + " WHERE location_id = ? AND id = ?", CatalogRepository::booking, locationId, id)
                .stream().findFirst();
    }

    List<Booking> expiredHolds(Connection db, Instant now, int limit) throws SQLException {
        try (PreparedStatement select = db.prepareStatement(BOOKING
                + " WHERE status = 'HELD' AND hold_until < ? ORDER BY hold_until")) {
            select.setTimestamp(1, Timestamp.from(now));
            select.setMaxRows(limit);
            try (ResultSet rows = select.executeQuery()) {
                List<Booking> result = new ArrayList<>();
                while (rows.next()) {
                    result.add(booking(rows));
                }
                return result;
            }
        }
    }

    /** Compare-and-set to CONFIRMED from HELD or BOOKED, naming the payment: 1 if this payment confirmed it. */
    int confirm(Connection db, String locationId, String id, String paymentId, Instant now) throws SQLException {
        return Sql.execute(db, "UPDATE booking SET status = 'CONFIRMED', hold_until = NULL, payment_id = ?, updated_at = ?"
                + " WHERE location_id = ? AND id = ? AND status IN ('HELD', 'BOOKED')", statement -> {
                    statement.setString(1, paymentId);
                    statement.setTimestamp(2, Timestamp.from(now));
                    statement.setString(3, locationId);
                    statement.setString(4, id);
                });
    }

    /** Compare-and-set on the status: 1 if it moved, 0 if it was no longer {@code expected}. */
    int moveBooking(Connection db, String locationId, String id, BookingStatus expected, BookingStatus next,
            Instant holdUntil, Instant now) throws SQLException {
        return Sql.execute(db, "UPDATE booking SET status = ?, hold_until = ?, updated_at = ?"
                + " WHERE location_id = ? AND id = ? AND status = ?", statement -> {
                    statement.setString(1, next.name());
                    if (holdUntil == null) {
                        statement.setNull(2, Types.TIMESTAMP_WITH_TIMEZONE);
                    } else {
                        statement.setTimestamp(2, Timestamp.from(holdUntil));
                    }
                    statement.setTimestamp(3, Timestamp.from(now));
                    statement.setString(4, locationId);
                    statement.setString(5, id);
                    statement.setString(6, expected.name());
                });
    }

    // ---- what was paid for bookings, and clients' history -------------------------------------

    /** Records that a payment paid for a booking, once per payment. */
    void recordEntry(Connection db, String locationId, String bookingId, String entryId, Money amount, Instant now)
            throws SQLException {
        if (Sql.first(db, "SELECT entry_id FROM booking_payment WHERE location_id = ? AND booking_id = ? AND entry_id = ?",
                rows -> rows.getString(1), locationId, bookingId, entryId).isPresent()) {
            return;
        }
        Sql.execute(db, "INSERT INTO booking_payment (location_id, booking_id, entry_id, amount_minor, currency, at)"
                + " VALUES (?, ?, ?, ?, ?, ?)", statement -> {
                    statement.setString(1, locationId);
                    statement.setString(2, bookingId);
                    statement.setString(3, entryId);
                    statement.setLong(4, amount.minorUnits());
                    statement.setString(5, amount.currency().getCurrencyCode());
                    statement.setTimestamp(6, Timestamp.from(now));
                });
    }

    /** @return the ids of the payments recorded for a booking, oldest first */
    List<String> paymentIds(Connection db, String locationId, String bookingId) throws SQLException {
        return Sql.list(db, "SELECT entry_id FROM booking_payment WHERE location_id = ? AND booking_id = ? ORDER BY at, entry_id",
                rows -> rows.getString(1), locationId, bookingId);
    }

    /**
     * @return what a booking's recorded payments captured less their refunds, as the ledger has them
     *         now, if any were recorded
     */
    Optional<Money> paid(Connection db, String locationId, String bookingId) throws SQLException {
        return Sql.first(db, PAID + " AND b.booking_id = ? GROUP BY b.booking_id", CatalogRepository::paid, locationId, bookingId)
                .map(Map.Entry::getValue);
    }

    /** @return what each booking of the location with recorded payments has paid, in one query */
    Map<String, Money> paidByBooking(Connection db, String locationId) throws SQLException {
        return Sql.list(db, PAID + " GROUP BY b.booking_id", CatalogRepository::paid, locationId).stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Captured less refunded, per booking, of the payments recorded for it, as the ledger has them now. */
    private static final String PAID = "SELECT b.booking_id, SUM(p.amount_minor - p.refunded_minor), MIN(p.currency)"
            + " FROM booking_payment b JOIN payment p ON p.id = b.entry_id WHERE b.location_id = ?"
            + " AND p.status IN ('SUCCEEDED', 'PARTIALLY_REFUNDED', 'REFUNDED')";

    private static Map.Entry<String, Money> paid(ResultSet rows) throws SQLException {
        return Map.entry(rows.getString(1), new Money(rows.getLong(2), Currency.getInstance(rows.getString(3))));
    }

    /** Earlier bookings of a client, matched by email ignoring case or by phone, with their no-shows. */
    ClientHistory history(Connection db, String locationId, String email, String phone, Instant before) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("SELECT COUNT(*), SUM(CASE WHEN status = 'NO_SHOW' THEN 1 ELSE 0 END)"
                + " FROM booking WHERE location_id = ? AND starts_at < ? AND status IN ('BOOKED', 'CONFIRMED', 'NO_SHOW')"
                + " AND (LOWER(client_email) = LOWER(?) OR client_phone = ?)")) {
            select.setString(1, locationId);
            select.setTimestamp(2, Timestamp.from(before));
            select.setString(3, email);
            select.setString(4, phone);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return new ClientHistory(rows.getInt(1), rows.getInt(2));
            }
        }
    }
}
