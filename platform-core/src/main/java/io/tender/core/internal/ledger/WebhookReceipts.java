package io.tender.core.internal.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** Which provider events were applied, so a webhook delivered twice is applied once. */
public final class WebhookReceipts {

    public boolean seen(Connection db, String connectionId, String providerEventId) throws SQLException {
        try (PreparedStatement select = db.prepareStatement(
                "SELECT 1 FROM webhook_receipt WHERE connection_id = ? AND provider_event_id = ?")) {
            select.setString(1, connectionId);
            select.setString(2, providerEventId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** Records the event as applied; a concurrent duplicate fails on the primary key and rolls back. */
    public void record(Connection db, String connectionId, String providerEventId, String paymentId, Instant now)
            throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO webhook_receipt"
                + " (connection_id, provider_event_id, payment_id, received_at) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, connectionId);
            insert.setString(2, providerEventId);
            insert.setString(3, paymentId);
            PaymentLedger.setInstant(insert, 4, now);
            insert.executeUpdate();
        }
    }
}
