package io.tender.core.internal.payments;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tender.api.provider.WebhookRequest;
import io.tender.core.internal.Ids;
import io.tender.core.internal.store.Sql;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** The SQL of webhooks kept while their provider is away (table {@code parked_webhook}). */
final class ParkedWebhooks {

    /** A kept webhook, as received. */
    record Parked(String id, String connectionId, WebhookRequest request, int attempts) {
    }

    static final String PARKED = "PARKED";
    static final String APPLIED = "APPLIED";
    static final String REJECTED = "REJECTED";
    /** Replayed this many times without an answer from the provider: kept, but no longer tried. */
    static final String EXPIRED = "EXPIRED";
    private static final ObjectMapper JSON = new ObjectMapper();

    void park(Connection db, String connectionId, WebhookRequest request, Instant now) throws SQLException {
        String headers;
        try {
            headers = JSON.writeValueAsString(request.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Sql.execute(db, "INSERT INTO parked_webhook (id, connection_id, headers_json, body_base64, received_at, status, attempts)"
                + " VALUES (?, ?, ?, ?, ?, ?, 0)", s -> {
                    s.setString(1, Ids.next("whk"));
                    s.setString(2, connectionId);
                    s.setString(3, headers);
                    s.setString(4, Base64.getEncoder().encodeToString(request.body()));
                    s.setTimestamp(5, Timestamp.from(now));
                    s.setString(6, PARKED);
                });
    }

    int waiting(Connection db, String connectionId) throws SQLException {
        return Sql.first(db, "SELECT COUNT(*) FROM parked_webhook WHERE connection_id = ? AND status = 'PARKED'",
                rows -> rows.getInt(1), connectionId).orElse(0);
    }

    /** @return the connections with webhooks waiting */
    List<String> waitingConnections(Connection db) throws SQLException {
        return Sql.list(db, "SELECT DISTINCT connection_id FROM parked_webhook WHERE status = 'PARKED'", rows -> rows.getString(1));
    }

    /** @return the connection's oldest parked webhooks, at most {@code limit} */
    List<Parked> due(Connection db, String connectionId, int limit) throws SQLException {
        try (var select = db.prepareStatement("SELECT id, connection_id, headers_json, body_base64, attempts FROM parked_webhook"
                + " WHERE connection_id = ? AND status = 'PARKED' ORDER BY received_at, id")) {
            select.setString(1, connectionId);
            select.setMaxRows(limit);
            try (var rows = select.executeQuery()) {
                List<Parked> due = new java.util.ArrayList<>();
                while (rows.next()) {
                    Map<String, List<String>> headers = JSON.readValue(rows.getString(3), new TypeReference<>() { });
                    due.add(new Parked(rows.getString(1), rows.getString(2),
                            new WebhookRequest(Base64.getDecoder().decode(rows.getString(4)), headers), rows.getInt(5)));
                }
                return due;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Takes a parked webhook for this thread alone. @return false if another took it first */
    boolean claim(Connection db, String id) throws SQLException {
        return Sql.execute(db, "UPDATE parked_webhook SET status = 'REPLAYING' WHERE id = ? AND status = 'PARKED'",
                s -> s.setString(1, id)) == 1;
    }

    void settle(Connection db, String id, String status, String reason) throws SQLException {
        Sql.execute(db, "UPDATE parked_webhook SET status = ?, reason = ?, attempts = attempts + 1 WHERE id = ?", s -> {
            s.setString(1, status);
            s.setString(2, reason == null ? null : reason.substring(0, Math.min(500, reason.length())));
            s.setString(3, id);
        });
    }
}
