package io.tender.core.internal.ledger;

import io.tender.api.Money;
import io.tender.api.Payment;
import io.tender.api.PaymentEvent;
import io.tender.api.PaymentStatus;
import java.net.URI;
import io.tender.core.internal.store.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/**
 * SQL for payments and their append-only history. Callers own the transaction; every change of a
 * payment goes with the event that records it, in the same transaction.
 */
public final class PaymentLedger {

    static final String COLUMNS = "id, location_id, method_id, connection_id, provider_id, amount_minor, currency,"
            + " refunded_minor, purpose, reference, description, status, provider_reference, checkout_url,"
            + " checkout_expires_at, failure_reason, created_at, updated_at, checkout_email";

    /** A payment with the fingerprint of the request that created it, for idempotent replays. */
    public record Recorded(Payment payment, String requestFingerprint) {
    }

    private final Duration quiet;

    /**
     * @param quiet how long an open payment goes without a change before reconciliation first asks
     *              its provider: the ledger keeps that time in {@code next_check_at}, so that the
     *              janitor finds what is due by one index range however many payments are open
     */
    public PaymentLedger(Duration quiet) {
        this.quiet = quiet;
    }

    /** @return how long an open payment goes without a change before reconciliation first asks about it */
    public Duration quiet() {
        return quiet;
    }

    /** Records a new payment, the terms of its checkout, and its {@code created} event. */
    public void insert(Connection db, Payment payment, CheckoutTerms terms, String idempotencyKey, String requestFingerprint)
            throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO payment (" + COLUMNS
                + ", idempotency_key, request_fingerprint, checkout_return_url, checkout_deadline, next_check_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, payment.id());
            insert.setString(2, payment.locationId());
            insert.setString(3, payment.methodId());
            insert.setString(4, payment.connectionId());
            insert.setString(5, payment.providerId());
            insert.setLong(6, payment.amount().minorUnits());
            insert.setString(7, payment.amount().currency().getCurrencyCode());
            insert.setLong(8, payment.refunded().minorUnits());
            insert.setString(9, payment.purpose());
            insert.setString(10, payment.reference());
            insert.setString(11, payment.description());
            insert.setString(12, payment.status().name());
            insert.setString(13, payment.providerReference());
            insert.setString(14, payment.checkoutUrl() == null ? null : payment.checkoutUrl().toString());
            setInstant(insert, 15, payment.checkoutExpiresAt());
            insert.setString(16, payment.failureReason() == null ? null : truncate(payment.failureReason(), 1000));
            setInstant(insert, 17, payment.createdAt());
            setInstant(insert, 18, payment.updatedAt());
            insert.setString(19, terms.customerEmail());
            insert.setString(20, idempotencyKey);
            insert.setString(21, requestFingerprint);
            insert.setString(22, terms.returnUrl());
            setInstant(insert, 23, terms.deadline());
            setInstant(insert, 24, firstCheck(payment));
            insert.executeUpdate();
        }
        appendEvent(db, payment.id(), "created", null, payment.status(), payment.amount(), null, payment.createdAt());
    }

    public Optional<Payment> find(Connection db, String id) throws SQLException {
        return Sql.first(db, "SELECT " + COLUMNS + " FROM payment WHERE id = ?", PaymentLedger::payment, id);
    }

    /** Reads the payment and locks its row until the transaction ends, so changes to it are serialized. */
    public Optional<Payment> lock(Connection db, String id) throws SQLException {
        return Sql.first(db, "SELECT " + COLUMNS + " FROM payment WHERE id = ? FOR UPDATE", PaymentLedger::payment, id);
    }

    public Optional<CheckoutTerms> checkoutTerms(Connection db, String paymentId) throws SQLException {
        return Sql.first(db, "SELECT checkout_email, checkout_return_url, checkout_deadline FROM payment WHERE id = ?",
                rows -> new CheckoutTerms(rows.getString(1), rows.getString(2), instant(rows, 3)), paymentId);
    }

    public Optional<Recorded> findByIdempotencyKey(Connection db, String locationId, String key) throws SQLException {
        return Sql.first(db, "SELECT " + COLUMNS + ", request_fingerprint FROM payment WHERE location_id = ? AND idempotency_key = ?",
                rows -> new Recorded(payment(rows), rows.getString("request_fingerprint")), locationId, key);
    }

    public List<Payment> findFor(Connection db, String locationId, String purpose, String reference) throws SQLException {
        return Sql.list(db, "SELECT " + COLUMNS + " FROM payment WHERE location_id = ? AND purpose = ? AND reference = ?"
                + " ORDER BY created_at, id", PaymentLedger::payment, locationId, purpose, reference);
    }

    public Optional<Payment> findByProviderReference(Connection db, String connectionId, String providerReference)
            throws SQLException {
        return Sql.first(db, "SELECT " + COLUMNS + " FROM payment WHERE connection_id = ? AND provider_reference = ?",
                PaymentLedger::payment, connectionId, providerReference);
    }

    static Payment payment(ResultSet rows) throws SQLException {
        Currency currency = Currency.getInstance(rows.getString(7));
        String checkoutUrl = rows.getString(14);
        return new Payment(
                rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4), rows.getString(5),
                new Money(rows.getLong(6), currency), new Money(rows.getLong(8), currency),
                rows.getString(9), rows.getString(10), rows.getString(11), rows.getString(19),
                PaymentStatus.valueOf(rows.getString(12)), rows.getString(13),
                checkoutUrl == null ? null : URI.create(checkoutUrl),
                instant(rows, 15), rows.getString(16), instant(rows, 17), instant(rows, 18));
    }

    /**
     * Writes {@code next} over {@code current} and appends the event that records the change.
     *
     * @throws IllegalStateException if the status move is illegal, or the row changed since it was read
     */
    public void update(Connection db, Payment current, Payment next, String eventType, Money eventAmount, String detail)
            throws SQLException {
        if (!updateIfUnchanged(db, current, next, eventType, eventAmount, detail)) {
            throw new IllegalStateException("payment " + current.id() + " changed concurrently");
        }
    }

    /**
     * Writes the change only if the row still holds current's status, refunded amount and provider
     * reference: what every change moves. Under the row's lock that always holds; without it, false
     * says another change came first and nothing was written.
     *
     * @return whether the payment was changed (and its event appended)
     */
    public boolean updateIfUnchanged(Connection db, Payment current, Payment next, String eventType, Money eventAmount,
            String detail) throws SQLException {
        if (current.status() != next.status() && !current.status().canMoveTo(next.status())) {
            throw new IllegalStateException("illegal transition " + current.status() + " -> " + next.status());
        }
        try (PreparedStatement update = db.prepareStatement("UPDATE payment SET status = ?, refunded_minor = ?,"
                + " provider_reference = ?, checkout_url = ?, checkout_expires_at = ?, failure_reason = ?, updated_at = ?,"
                // a payment reconciliation has not asked about yet is due a quiet time after its last
                // change; once asked, the janitor keeps its own schedule; once closed, it is not due
                + " next_check_at = CASE WHEN checks = 0 OR ? THEN ? ELSE next_check_at END"
                + " WHERE id = ? AND status = ? AND refunded_minor = ? AND provider_reference IS NOT DISTINCT FROM ?")) {
            update.setString(1, next.status().name());
            update.setLong(2, next.refunded().minorUnits());
            update.setString(3, next.providerReference());
            update.setString(4, next.checkoutUrl() == null ? null : next.checkoutUrl().toString());
            setInstant(update, 5, next.checkoutExpiresAt());
            update.setString(6, next.failureReason() == null ? null : truncate(next.failureReason(), 1000));
            setInstant(update, 7, next.updatedAt());
            Instant check = firstCheck(next);
            update.setBoolean(8, check == null);
            setInstant(update, 9, check);
            update.setString(10, current.id());
            update.setString(11, current.status().name());
            update.setLong(12, current.refunded().minorUnits());
            update.setString(13, current.providerReference());
            if (update.executeUpdate() != 1) {
                return false;
            }
        }
        appendEvent(db, current.id(), eventType, current.status(), next.status(), eventAmount, detail, next.updatedAt());
        return true;
    }

    /** @return when reconciliation first asks about the payment: a quiet time after its last change, if it is open */
    private Instant firstCheck(Payment payment) {
        return payment.status().isOpen() ? payment.updatedAt().plus(quiet) : null;
    }

    /** Appends an event without changing the payment: a refused or informational step. */
    public void appendEvent(Connection db, String paymentId, String type, PaymentStatus from, PaymentStatus to,
            Money amount, String detail, Instant at) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO payment_event"
                + " (payment_id, type, from_status, to_status, amount_minor, detail, at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, paymentId);
            insert.setString(2, type);
            insert.setString(3, from == null ? null : from.name());
            insert.setString(4, to.name());
            if (amount == null) {
                insert.setNull(5, Types.BIGINT);
            } else {
                insert.setLong(5, amount.minorUnits());
            }
            insert.setString(6, detail == null ? null : truncate(detail, 1000));
            setInstant(insert, 7, at);
            insert.executeUpdate();
        }
    }

    public List<PaymentEvent> history(Connection db, Payment payment) throws SQLException {
        return Sql.list(db, "SELECT seq, type, from_status, to_status, amount_minor, detail, at FROM payment_event"
                + " WHERE payment_id = ? ORDER BY seq", rows -> {
                    long amount = rows.getLong(5);
                    Money money = rows.wasNull() ? null : new Money(amount, payment.amount().currency());
                    String from = rows.getString(3);
                    return new PaymentEvent(rows.getLong(1), payment.id(), rows.getString(2),
                            from == null ? null : PaymentStatus.valueOf(from), PaymentStatus.valueOf(rows.getString(4)),
                            money, rows.getString(6), instant(rows, 7));
                }, payment.id());
    }

    static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setTimestamp(index, Timestamp.from(instant));
        }
    }

    static Instant instant(ResultSet rows, int index) throws SQLException {
        Timestamp timestamp = rows.getTimestamp(index);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
