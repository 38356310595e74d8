package io.tender.core.internal.payments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tender.api.Money;
import io.tender.api.provider.ProviderEvent;
import io.tender.api.provider.ProviderStatus;
import io.tender.api.provider.WebhookRequest;
import io.tender.api.webhook.InboxedWebhook;
import io.tender.api.webhook.InboxedWebhook.State;
import io.tender.core.internal.Ids;
import io.tender.core.internal.store.Sql;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** The SQL of the webhook inbox (table {@code webhook_inbox}). */
final class InboxEntries {

    /** A stored event with what applying it needs. */
    record Entry(String id, String connectionId, ProviderEvent event, int attempts) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "id, connection_id, event_id, event_json, state, attempts, received_at,"
            + " next_attempt_at, payment_id, last_error";

    /**
     * Stores a verified event, claimed for its first attempt by the caller. An event the connection
     * has already fails on the unique (connection, event id), which the caller takes as a delivery
     * again: no read first, on the webhook's hot path.
     *
     * @return the new entry
     */
    Entry store(Connection db, String connectionId, ProviderEvent event, WebhookRequest request, Instant now,
            Duration lease) throws SQLException {
        String id = Ids.ordered("wh");
        String headers;
        try {
            headers = JSON.writeValueAsString(request.headers());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        Sql.execute(db, "INSERT INTO webhook_inbox (id, connection_id, event_id, event_json, headers_json, body_base64,"
                + " received_at, state, attempts, next_attempt_at, lease_until) VALUES (?, ?, ?, ?, ?, ?, ?, 'PROCESSING', 1, ?, ?)",
                s -> {
                    s.setString(1, id);
                    s.setString(2, connectionId);
                    s.setString(3, event.eventId());
                    s.setString(4, toJson(event));
                    s.setString(5, headers);
                    s.setString(6, Base64.getEncoder().encodeToString(request.body()));
                    s.setTimestamp(7, Timestamp.from(now));
                    s.setTimestamp(8, Timestamp.from(now));
                    s.setTimestamp(9, Timestamp.from(now.plus(lease)));
                });
        return new Entry(id, connectionId, event, 1);
    }

    /**
     * Takes an entry for one attempt: only one node gets it, and a node that stopped mid-attempt
     * loses it when its lease runs out.
     */
    Optional<Entry> claim(Connection db, String id, Instant now, Duration lease) throws SQLException {
        int claimed = Sql.execute(db, "UPDATE webhook_inbox SET state = 'PROCESSING', attempts = attempts + 1, lease_until = ?"
                + " WHERE id = ? AND ((state = 'RECEIVED' AND next_attempt_at <= ?) OR (state = 'PROCESSING' AND lease_until < ?))",
                s -> {
                    s.setTimestamp(1, Timestamp.from(now.plus(lease)));
                    s.setString(2, id);
                    s.setTimestamp(3, Timestamp.from(now));
                    s.setTimestamp(4, Timestamp.from(now));
                });
        if (claimed == 0) {
            return Optional.empty();
        }
        return Sql.first(db, "SELECT id, connection_id, event_json, attempts FROM webhook_inbox WHERE id = ?",
                rows -> new Entry(rows.getString(1), rows.getString(2), fromJson(rows.getString(3)), rows.getInt(4)), id);
    }

    /**
     * @return ids of entries due for an attempt, oldest first, then of those whose node stopped
     *         mid-attempt. Two index ranges of {@code (state, next_attempt_at)}: one query with both
     *         conditions joined by OR read the whole inbox every second (docs/bench/DueQueries.java).
     */
    List<String> due(Connection db, Instant now, int limit) throws SQLException {
        List<String> ids = new ArrayList<>();
        collect(db, "SELECT id FROM webhook_inbox WHERE state = 'RECEIVED' AND next_attempt_at <= ? ORDER BY next_attempt_at",
                now, limit, ids);
        if (ids.size() < limit) {
            collect(db, "SELECT id FROM webhook_inbox WHERE state = 'PROCESSING' AND lease_until < ? ORDER BY next_attempt_at",
                    now, limit - ids.size(), ids);
        }
        return ids;
    }

    private static void collect(Connection db, String sql, Instant now, int limit, List<String> ids) throws SQLException {
        try (var select = db.prepareStatement(sql)) {
            select.setTimestamp(1, Timestamp.from(now));
            select.setMaxRows(limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
        }
    }

    /** Ends an attempt: in {@code state}, with the next attempt's time when it is RECEIVED again. */
    void settle(Connection db, String id, State state, String paymentId, String error, Instant nextAttemptAt)
            throws SQLException {
        Sql.execute(db, "UPDATE webhook_inbox SET state = ?, lease_until = NULL, payment_id = COALESCE(?, payment_id),"
                + " last_error = ?, next_attempt_at = COALESCE(?, next_attempt_at) WHERE id = ?", s -> {
                    s.setString(1, state.name());
                    s.setString(2, paymentId);
                    s.setString(3, error == null ? null : error.length() > 500 ? error.substring(0, 500) : error);
                    s.setTimestamp(4, nextAttemptAt == null ? null : Timestamp.from(nextAttemptAt));
                    s.setString(5, id);
                });
    }

    /** Makes a dead or unmatched entry due now, with its attempts counted afresh. */
    boolean requeue(Connection db, String id, Instant now) throws SQLException {
        return Sql.execute(db, "UPDATE webhook_inbox SET state = 'RECEIVED', attempts = 0, next_attempt_at = ?"
                + " WHERE id = ? AND state IN ('DEAD', 'UNMATCHED')", s -> {
                    s.setTimestamp(1, Timestamp.from(now));
                    s.setString(2, id);
                }) == 1;
    }

    Optional<InboxedWebhook> find(Connection db, String id) throws SQLException {
        return Sql.first(db, "SELECT " + COLUMNS + " FROM webhook_inbox WHERE id = ?", InboxEntries::read, id);
    }

    List<InboxedWebhook> list(Connection db, State state, String before, int limit) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM webhook_inbox WHERE 1 = 1");
        if (state != null) {
            sql.append(" AND state = ?");
        }
        Optional<Timestamp> from = Optional.empty();
        if (before != null) {
            from = Sql.first(db, "SELECT received_at FROM webhook_inbox WHERE id = ?", rows -> rows.getTimestamp(1), before);
            if (from.isEmpty()) {
                return List.of();
            }
            sql.append(" AND (received_at < ? OR (received_at = ? AND id < ?))");
        }
        sql.append(" ORDER BY received_at DESC, id DESC");
        try (var select = db.prepareStatement(sql.toString())) {
            int i = 1;
            if (state != null) {
                select.setString(i++, state.name());
            }
            if (from.isPresent()) {
                select.setTimestamp(i++, from.get());
                select.setTimestamp(i++, from.get());
                select.setString(i, before);
            }
            select.setMaxRows(limit);
            List<InboxedWebhook> result = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    result.add(read(rows));
                }
            }
            return result;
        }
    }

    private static InboxedWebhook read(ResultSet rows) throws SQLException {
        ProviderEvent event = fromJson(rows.getString(4));
        String about = event.kind() == ProviderEvent.Kind.REFUND ? "refund " + event.refundReference() : "payment "
                + (event.providerReference() != null ? event.providerReference() : event.paymentId());
        return new InboxedWebhook(rows.getString(1), rows.getString(2), rows.getString(3), about + " " + event.status(),
                State.valueOf(rows.getString(5)), rows.getInt(6), rows.getTimestamp(7).toInstant(),
                rows.getTimestamp(8).toInstant(), rows.getString(9), rows.getString(10));
    }

    static String toJson(ProviderEvent event) {
        ObjectNode node = JSON.createObjectNode();
        node.put("eventId", event.eventId());
        node.put("kind", event.kind().name());
        node.put("providerReference", event.providerReference());
        node.put("paymentId", event.paymentId());
        node.put("status", event.status() == null ? null : event.status().name());
        if (event.amount() != null) {
            node.put("amount", event.amount().minorUnits());
            node.put("currency", event.amount().currency().getCurrencyCode());
        }
        node.put("refundReference", event.refundReference());
        node.put("refundId", event.refundId());
        node.put("occurredAt", event.occurredAt() == null ? null : event.occurredAt().toString());
        return node.toString();
    }

    static ProviderEvent fromJson(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            return new ProviderEvent(text(node, "eventId"), ProviderEvent.Kind.valueOf(text(node, "kind")),
                    text(node, "providerReference"), text(node, "paymentId"),
                    node.hasNonNull("status") ? ProviderStatus.valueOf(text(node, "status")) : null,
                    node.hasNonNull("amount") ? Money.of(node.get("amount").asLong(), text(node, "currency")) : null,
                    text(node, "refundReference"), text(node, "refundId"),
                    node.hasNonNull("occurredAt") ? Instant.parse(text(node, "occurredAt")) : null);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }
}
