package io.tender.core.internal.settings;

import io.tender.api.Location;
import io.tender.api.MethodSetting;
import io.tender.core.internal.store.RowVersion;
import io.tender.core.internal.store.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** SQL for locations, provider connections and method settings. Callers own the transaction. */
public final class SettingsRepository {

    public void insertLocation(Connection db, Location location, String idempotencyKey, String fingerprint, Instant now)
            throws SQLException {
        Sql.execute(db, "INSERT INTO location (id, name, time_zone, created_at, idempotency_key, request_fingerprint)"
                + " VALUES (?, ?, ?, ?, ?, ?)", insert -> {
                    insert.setString(1, location.id());
                    insert.setString(2, location.name());
                    insert.setString(3, location.timeZone().getId());
                    insert.setTimestamp(4, Timestamp.from(now));
                    insert.setString(5, idempotencyKey);
                    insert.setString(6, idempotencyKey == null ? null : fingerprint);
                });
    }

    /** @return the fingerprint of the request that created a location with the key, if one did */
    public Optional<String> locationFingerprint(Connection db, String idempotencyKey) throws SQLException {
        return Sql.first(db, "SELECT request_fingerprint FROM location WHERE idempotency_key = ?", rows -> rows.getString(1),
                idempotencyKey);
    }

    /**
     * Saves a location's name and time zone under its row's lock.
     *
     * @return the new version, or empty if there is no such location
     * @throws TenderException PRECONDITION_FAILED if the stored version is not the expected one
     */
    public Optional<Long> updateLocation(Connection db, Location location, Long expected) throws SQLException {
        Optional<Long> stored = RowVersion.lock(db, "SELECT version FROM location WHERE id = ? FOR UPDATE", location.id());
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        long next = RowVersion.next(stored.get(), expected, "the location");
        Sql.execute(db, "UPDATE location SET name = ?, time_zone = ?, version = ? WHERE id = ?", s -> {
            s.setString(1, location.name());
            s.setString(2, location.timeZone().getId());
            s.setLong(3, next);
            s.setString(4, location.id());
        });
        return Optional.of(next);
    }

    public List<Location> locations(Connection db) throws SQLException {
        return Sql.list(db, "SELECT id, name, time_zone, version FROM location ORDER BY id", SettingsRepository::location);
    }

    public Optional<Location> location(Connection db, String id) throws SQLException {
        return Sql.first(db, "SELECT id, name, time_zone, version FROM location WHERE id = ?", SettingsRepository::location, id);
    }

    private static Location location(ResultSet rows) throws SQLException {
        return new Location(rows.getString(1), rows.getString(2), ZoneId.of(rows.getString(3)), rows.getLong(4));
    }

    public void insertConnection(Connection db, ConnectionRow row, String idempotencyKey) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement(
                "INSERT INTO provider_connection (id, location_id, provider_id, name, settings_sealed, created_at,"
                        + " idempotency_key) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, row.id());
            insert.setString(2, row.locationId());
            insert.setString(3, row.providerId());
            insert.setString(4, row.name());
            insert.setString(5, row.sealedSettings());
            insert.setTimestamp(6, Timestamp.from(row.createdAt()));
            insert.setString(7, idempotencyKey);
            insert.executeUpdate();
        }
    }

    public Optional<ConnectionRow> connectionByIdempotencyKey(Connection db, String locationId, String key) throws SQLException {
        return Sql.first(db, "SELECT " + CONNECTION_COLUMNS + " FROM provider_connection WHERE location_id = ?"
                + " AND idempotency_key = ?", SettingsRepository::connectionRow, locationId, key);
    }

    private static final String CONNECTION_COLUMNS = "id, location_id, provider_id, name, settings_sealed, created_at";

    public List<ConnectionRow> connections(Connection db, String locationId) throws SQLException {
        return Sql.list(db, "SELECT " + CONNECTION_COLUMNS + " FROM provider_connection WHERE location_id = ? ORDER BY created_at, id",
                SettingsRepository::connectionRow, locationId);
    }

    public Optional<ConnectionRow> connection(Connection db, String id) throws SQLException {
        return Sql.first(db, "SELECT " + CONNECTION_COLUMNS + " FROM provider_connection WHERE id = ?",
                SettingsRepository::connectionRow, String.valueOf(id));
    }

    private static ConnectionRow connectionRow(ResultSet rows) throws SQLException {
        return new ConnectionRow(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
                rows.getString(5), rows.getTimestamp(6).toInstant());
    }

    /**
     * Insert or replace under the row's lock, comparing versions: portable between H2 and PostgreSQL
     * (no MERGE / ON CONFLICT).
     *
     * @param expected the version the caller read, or null for any
     * @return the new version
     * @throws TenderException PRECONDITION_FAILED if the stored version is not the expected one
     */
    public long saveMethodSetting(Connection db, MethodSetting setting, Long expected, Instant now) throws SQLException {
        String options = JsonOptions.write(setting.options());
        Optional<Long> stored = RowVersion.lock(db, "SELECT version FROM method_setting WHERE location_id = ? AND method_id = ?"
                + " FOR UPDATE", setting.locationId(), setting.methodId());
        long next = RowVersion.next(stored.orElse(0L), expected, "the method setting");
        Sql.Binder values = statement -> {
            statement.setBoolean(1, setting.enabled());
            statement.setString(2, setting.connectionId());
            statement.setString(3, options);
            statement.setTimestamp(4, Timestamp.from(now));
            statement.setLong(5, next);
            statement.setString(6, setting.locationId());
            statement.setString(7, setting.methodId());
        };
        if (stored.isPresent()) {
            Sql.execute(db, "UPDATE method_setting SET enabled = ?, connection_id = ?, options = ?, updated_at = ?, version = ?"
                    + " WHERE location_id = ? AND method_id = ?", values);
        } else {
            // A concurrent first insert fails on the key; the caller's upsert retries and then compares versions.
            Sql.execute(db, "INSERT INTO method_setting (enabled, connection_id, options, updated_at, version, location_id,"
                    + " method_id) VALUES (?, ?, ?, ?, ?, ?, ?)", values);
        }
        return next;
    }

    public List<MethodSetting> methodSettings(Connection db, String locationId) throws SQLException {
        return Sql.list(db, "SELECT location_id, method_id, enabled, connection_id, options, version FROM method_setting"
                + " WHERE location_id = ? ORDER BY method_id", SettingsRepository::methodSetting, locationId);
    }

    private static MethodSetting methodSetting(ResultSet rows) throws SQLException {
        return new MethodSetting(rows.getString(1), rows.getString(2), rows.getBoolean(3), rows.getString(4),
                JsonOptions.read(rows.getString(5)), rows.getLong(6));
    }

    public Optional<MethodSetting> methodSetting(Connection db, String locationId, String methodId) throws SQLException {
        return Sql.first(db, "SELECT location_id, method_id, enabled, connection_id, options, version FROM method_setting"
                + " WHERE location_id = ? AND method_id = ?", SettingsRepository::methodSetting, locationId, methodId);
    }
}
