package io.tender.core.internal.mail;

import io.tender.api.mail.MailSettings;
import io.tender.api.mail.OutgoingMail;
import io.tender.core.internal.store.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** SQL for mail settings and the outbox. Callers own the transaction. */
final class MailRepository {

    /** A location's settings as stored: the password still sealed. */
    record StoredSettings(String locationId, MailSettings settings, String sealedPassword) {
    }

    /** A message with what it takes to send it. */
    record Message(OutgoingMail mail, String body) {
    }

    private static final String OUTBOX = "SELECT id, location_id, recipient, subject, status, attempts, last_error,"
            + " created_at, sent_at, body FROM mail_outbox";

    private MailRepository() {
    }

    static Optional<StoredSettings> settings(Connection db, String locationId) throws SQLException {
        return Sql.first(db, "SELECT location_id, host, port, security, username, from_address, from_name, password_sealed,"
                + " version FROM mail_settings WHERE location_id = ?", rows -> new StoredSettings(rows.getString(1),
                        new MailSettings(rows.getString(2), rows.getInt(3), MailSettings.Security.valueOf(rows.getString(4)),
                                rows.getString(5), null, rows.getString(6), rows.getString(7), rows.getLong(9)),
                        rows.getString(8)), locationId);
    }

    static void saveSettings(Connection db, String locationId, MailSettings s, String sealedPassword, long version, Instant now)
            throws SQLException {
        Sql.Binder values = statement -> {
            statement.setString(1, s.host());
            statement.setInt(2, s.port());
            statement.setString(3, s.security().name());
            statement.setString(4, s.username());
            statement.setString(5, sealedPassword);
            statement.setString(6, s.fromAddress());
            statement.setString(7, s.fromName());
            statement.setTimestamp(8, Timestamp.from(now));
            statement.setLong(9, version);
            statement.setString(10, locationId);
        };
        if (Sql.execute(db, "UPDATE mail_settings SET host = ?, port = ?, security = ?, username = ?, password_sealed = ?,"
                + " from_address = ?, from_name = ?, updated_at = ?, version = ? WHERE location_id = ?", values) == 0) {
            Sql.execute(db, "INSERT INTO mail_settings (host, port, security, username, password_sealed, from_address,"
                    + " from_name, updated_at, version, location_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values);
        }
    }

    static void insert(Connection db, OutgoingMail mail, String key, String body) throws SQLException {
        Sql.execute(db, "INSERT INTO mail_outbox (id, location_id, dedupe_key, recipient, subject, body, status, attempts,"
                + " next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)", s -> {
                    s.setString(1, mail.id());
                    s.setString(2, mail.locationId());
                    s.setString(3, key);
                    s.setString(4, mail.recipient());
                    s.setString(5, mail.subject());
                    s.setString(6, body);
                    s.setString(7, mail.status().name());
                    s.setTimestamp(8, Timestamp.from(mail.createdAt()));
                    s.setTimestamp(9, Timestamp.from(mail.createdAt()));
                });
    }

    static Optional<OutgoingMail> byKey(Connection db, String locationId, String key) throws SQLException {
        return Sql.first(db, OUTBOX + " WHERE location_id = ? AND dedupe_key = ?", MailRepository::mail, locationId, key);
    }

    static Optional<Message> message(Connection db, String id) throws SQLException {
        return Sql.first(db, OUTBOX + " WHERE id = ?", rows -> new Message(mail(rows), rows.getString(10)), id);
    }

    static List<OutgoingMail> outbox(Connection db, String locationId, int limit) throws SQLException {
        return Sql.list(db, OUTBOX + " WHERE location_id = ? ORDER BY created_at DESC, id DESC LIMIT " + limit,
                MailRepository::mail, locationId);
    }

    /** @return ids of queued messages whose next attempt is due */
    static List<String> due(Connection db, Instant now, int limit) throws SQLException {
        try (var select = db.prepareStatement("SELECT id FROM mail_outbox WHERE status = 'QUEUED' AND next_attempt_at <= ?"
                + " ORDER BY next_attempt_at LIMIT " + limit)) {
            select.setTimestamp(1, Timestamp.from(now));
            try (ResultSet rows = select.executeQuery()) {
                List<String> ids = new java.util.ArrayList<>();
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
                return ids;
            }
        }
    }

    /**
     * Takes the next attempt of a message: counts it and moves its next attempt to {@code retryAt},
     * so no other sender takes it meanwhile. @return false if another sender took it first
     */
    static boolean claim(Connection db, String id, int attempts, Instant retryAt) throws SQLException {
        return Sql.execute(db, "UPDATE mail_outbox SET attempts = attempts + 1, next_attempt_at = ?"
                + " WHERE id = ? AND status = 'QUEUED' AND attempts = ?", s -> {
                    s.setTimestamp(1, Timestamp.from(retryAt));
                    s.setString(2, id);
                    s.setInt(3, attempts);
                }) == 1;
    }

    static void sent(Connection db, String id, Instant now) throws SQLException {
        Sql.execute(db, "UPDATE mail_outbox SET status = 'SENT', sent_at = ?, last_error = NULL WHERE id = ?", s -> {
            s.setTimestamp(1, Timestamp.from(now));
            s.setString(2, id);
        });
    }

    static void failed(Connection db, String id, String error, boolean finalAttempt) throws SQLException {
        Sql.execute(db, "UPDATE mail_outbox SET status = ?, last_error = ? WHERE id = ?", s -> {
            s.setString(1, finalAttempt ? "FAILED" : "QUEUED");
            s.setString(2, error.length() > 1000 ? error.substring(0, 1000) : error);
            s.setString(3, id);
        });
    }

    private static OutgoingMail mail(ResultSet rows) throws SQLException {
        Timestamp sentAt = rows.getTimestamp(9);
        return new OutgoingMail(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
                OutgoingMail.Status.valueOf(rows.getString(5)), rows.getInt(6), rows.getString(7),
                rows.getTimestamp(8).toInstant(), sentAt == null ? null : sentAt.toInstant());
    }
}
