package io.tender.core.internal.ledger;

import io.tender.core.internal.store.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** SQL for refunds. A refund is recorded as PENDING before its provider is called. */
public final class RefundLedger {

    /** Where a refund stands. */
    public enum Status { PENDING, SUCCEEDED, FAILED }

    /** One refund of a payment. */
    public record Refund(String id, String paymentId, long amountMinor, Status status, String providerRefundReference) {
    }

    private static final String COLUMNS = "id, payment_id, amount_minor, status, provider_refund_reference";

    public void insert(Connection db, Refund refund, String idempotencyKey, Instant now) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO refund (" + COLUMNS
                + ", idempotency_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, refund.id());
            insert.setString(2, refund.paymentId());
            insert.setLong(3, refund.amountMinor());
            insert.setString(4, refund.status().name());
            insert.setString(5, refund.providerRefundReference());
            insert.setString(6, idempotencyKey);
            PaymentLedger.setInstant(insert, 7, now);
            PaymentLedger.setInstant(insert, 8, now);
            insert.executeUpdate();
        }
    }

    public Optional<Refund> findByIdempotencyKey(Connection db, String paymentId, String key) throws SQLException {
        return one(db, "SELECT " + COLUMNS + " FROM refund WHERE payment_id = ? AND idempotency_key = ?", paymentId, key);
    }

    public Optional<Refund> findByProviderReference(Connection db, String paymentId, String providerRefundReference)
            throws SQLException {
        return one(db, "SELECT " + COLUMNS + " FROM refund WHERE payment_id = ? AND provider_refund_reference = ?",
                paymentId, providerRefundReference);
    }

    public Optional<Refund> find(Connection db, String refundId) throws SQLException {
        return one(db, "SELECT " + COLUMNS + " FROM refund WHERE id = ?", refundId);
    }

    public Optional<Refund> lock(Connection db, String refundId) throws SQLException {
        return one(db, "SELECT " + COLUMNS + " FROM refund WHERE id = ? FOR UPDATE", refundId);
    }

    /** @return the total of refunds that are not yet final: they reserve part of the refundable amount */
    public long pendingTotal(Connection db, String paymentId) throws SQLException {
        try (PreparedStatement select = db.prepareStatement(
                "SELECT COALESCE(SUM(amount_minor), 0) FROM refund WHERE payment_id = ? AND status = 'PENDING'")) {
            select.setString(1, paymentId);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    public void update(Connection db, String refundId, Status status, String providerRefundReference, Instant now)
            throws SQLException {
        try (PreparedStatement update = db.prepareStatement("UPDATE refund SET status = ?,"
                + " provider_refund_reference = COALESCE(?, provider_refund_reference), updated_at = ? WHERE id = ?")) {
            update.setString(1, status.name());
            update.setString(2, providerRefundReference);
            PaymentLedger.setInstant(update, 3, now);
            update.setString(4, refundId);
            update.executeUpdate();
        }
    }

    private Optional<Refund> one(Connection db, String sql, String... parameters) throws SQLException {
        return Sql.first(db, sql, rows -> new Refund(rows.getString(1), rows.getString(2), rows.getLong(3),
                Status.valueOf(rows.getString(4)), rows.getString(5)), parameters);
    }
}
