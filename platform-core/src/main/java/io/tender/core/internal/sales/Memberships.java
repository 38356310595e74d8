package io.tender.core.internal.sales;

import io.tender.api.TenderException;
import io.tender.api.sales.Membership;
import io.tender.api.sales.Membership.Allowance;
import io.tender.api.sales.MembershipTerms.ValidFrom;
import io.tender.api.sales.MembershipVisit;
import io.tender.core.internal.store.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * SQL for memberships, their allowances and visits. Callers own the transaction; visits are used
 * under the membership's row lock. Pooled visits are the allowance of service {@value #POOLED}.
 */
final class Memberships {

    static final String POOLED = "*";
    private static final String SELECT = "SELECT code, location_id, item_id, client_email, services, locations, validity_days,"
            + " valid_from, starts_at, valid_until, payment_id, issued_at FROM membership";

    /** A membership row before its allowances are read. */
    private record Row(String code, String locationId, String itemId, String clientEmail, List<String> services,
            List<String> locations, int validityDays, ValidFrom validFrom, Instant startsAt, Instant validUntil,
            String paymentId, Instant issuedAt) {
    }

    private Memberships() {
    }

    static void insert(Connection db, Membership m) throws SQLException {
        Sql.execute(db, "INSERT INTO membership (code, location_id, item_id, client_email, services, locations, validity_days,"
                + " valid_from, starts_at, valid_until, payment_id, issued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", s -> {
                    s.setString(1, m.code());
                    s.setString(2, m.locationId());
                    s.setString(3, m.itemId());
                    s.setString(4, m.clientEmail());
                    s.setString(5, IdLists.join(m.services()));
                    s.setString(6, IdLists.join(m.locations()));
                    s.setInt(7, m.validityDays());
                    s.setString(8, m.validFrom().name());
                    s.setTimestamp(9, m.startsAt() == null ? null : Timestamp.from(m.startsAt()));
                    s.setTimestamp(10, m.validUntil() == null ? null : Timestamp.from(m.validUntil()));
                    s.setString(11, m.paymentId());
                    s.setTimestamp(12, Timestamp.from(m.issuedAt()));
                });
        for (Allowance allowance : m.allowances()) {
            Sql.execute(db, "INSERT INTO membership_allowance (code, service_id, total, remaining) VALUES (?, ?, ?, ?)", s -> {
                s.setString(1, m.code());
                s.setString(2, allowance.serviceId() == null ? POOLED : allowance.serviceId());
                s.setInt(3, allowance.total());
                s.setInt(4, allowance.remaining());
            });
        }
    }

    static Optional<Membership> find(Connection db, String code) throws SQLException {
        return read(db, Sql.first(db, SELECT + " WHERE code = ?", Memberships::row, String.valueOf(code)));
    }

    static Optional<Membership> lock(Connection db, String code) throws SQLException {
        return read(db, Sql.first(db, SELECT + " WHERE code = ? FOR UPDATE", Memberships::row, String.valueOf(code)));
    }

    static Optional<Membership> ofPayment(Connection db, String paymentId) throws SQLException {
        return read(db, Sql.first(db, SELECT + " WHERE payment_id = ?", Memberships::row, String.valueOf(paymentId)));
    }

    private static Optional<Membership> read(Connection db, Optional<Row> found) throws SQLException {
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Row r = found.get();
        List<Allowance> allowances = Sql.list(db, "SELECT service_id, total, remaining FROM membership_allowance"
                + " WHERE code = ? ORDER BY service_id", rows -> new Allowance(
                        POOLED.equals(rows.getString(1)) ? null : rows.getString(1), rows.getInt(2), rows.getInt(3)), r.code());
        return Optional.of(new Membership(r.code(), r.locationId(), r.itemId(), r.clientEmail(), allowances, r.services(),
                r.locations(), r.validityDays(), r.validFrom(), r.startsAt(), r.validUntil(), r.paymentId(), r.issuedAt()));
    }

    private static Row row(ResultSet rows) throws SQLException {
        Timestamp startsAt = rows.getTimestamp(9);
        Timestamp validUntil = rows.getTimestamp(10);
        return new Row(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
                IdLists.split(rows.getString(5)), IdLists.split(rows.getString(6)), rows.getInt(7),
                ValidFrom.valueOf(rows.getString(8)), startsAt == null ? null : startsAt.toInstant(),
                validUntil == null ? null : validUntil.toInstant(), rows.getString(11), rows.getTimestamp(12).toInstant());
    }

    /** @return the visit a key used before, if it did */
    static Optional<MembershipVisit> replayed(Connection db, String code, String key) throws SQLException {
        return Sql.first(db, "SELECT seq, code, location_id, service_id, remaining, at FROM membership_visit"
                + " WHERE code = ? AND idempotency_key = ?", Memberships::visit, code, key);
    }

    /** @return the allowance a visit of the service uses, or why there is none */
    static Allowance allowanceFor(Membership m, String serviceId) {
        for (Allowance allowance : m.allowances()) {
            if (allowance.serviceId() == null ? m.services().isEmpty() || m.services().contains(serviceId)
                    : allowance.serviceId().equals(serviceId)) {
                return allowance;
            }
        }
        throw TenderException.invalid("serviceId", "this membership has no visits for service '" + serviceId + "'");
    }

    static void useVisit(Connection db, Membership m, Allowance allowance, String locationId, String serviceId, String key,
            Instant now) throws SQLException {
        String allowanceId = allowance.serviceId() == null ? POOLED : allowance.serviceId();
        // The CHECK (remaining >= 0) backs the caller's check; the row lock makes them agree.
        Sql.execute(db, "UPDATE membership_allowance SET remaining = remaining - 1 WHERE code = ? AND service_id = ?", s -> {
            s.setString(1, m.code());
            s.setString(2, allowanceId);
        });
        Sql.execute(db, "INSERT INTO membership_visit (code, location_id, service_id, remaining, idempotency_key, at)"
                + " VALUES (?, ?, ?, ?, ?, ?)", s -> {
                    s.setString(1, m.code());
                    s.setString(2, locationId);
                    s.setString(3, serviceId);
                    s.setInt(4, allowance.remaining() - 1);
                    s.setString(5, key);
                    s.setTimestamp(6, Timestamp.from(now));
                });
    }

    /** Starts the validity of a membership valid from its first visit. */
    static void start(Connection db, String code, Instant startsAt, Instant validUntil) throws SQLException {
        Sql.execute(db, "UPDATE membership SET starts_at = ?, valid_until = ? WHERE code = ? AND starts_at IS NULL", s -> {
            s.setTimestamp(1, Timestamp.from(startsAt));
            s.setTimestamp(2, Timestamp.from(validUntil));
            s.setString(3, code);
        });
    }

    static List<MembershipVisit> visits(Connection db, String code) throws SQLException {
        return Sql.list(db, "SELECT seq, code, location_id, service_id, remaining, at FROM membership_visit"
                + " WHERE code = ? ORDER BY seq", Memberships::visit, code);
    }

    private static MembershipVisit visit(ResultSet rows) throws SQLException {
        return new MembershipVisit(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4), rows.getInt(5),
                rows.getTimestamp(6).toInstant());
    }
}
