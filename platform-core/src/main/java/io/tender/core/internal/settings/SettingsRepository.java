package io.tender.core.internal.settings;

import io.tender.api.Location;
import io.tender.api.MethodSetting;
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

    public void insertLocation(Connection db, Location location, Instant now) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO location (id, name, time_zone, created_at) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, location.id());
            insert.setString(2, location.name());
            insert.setString(3, location.timeZone().getId());
            insert.setTimestamp(4, Timestamp.from(now));
            insert.executeUpdate();
        }
    }

    /** @return true if the location existed and now has the name and time zone */
    public boolean updateLocation(Connection db, Location location) throws SQLException {
        return Sql.execute(db, "UPDATE location SET name = ?, time_zone = ? WHERE id = ?", s -> {
            s.setString(1, location.name());
            s.setString(2, location.timeZone().getId());
            s.setString(3, location.id());
        }) == 1;
    }

    public List<Location> locations(Connection db) throws SQLException {
        return Sql.list(db, "SELECT id, name, time_zone FROM location ORDER BY id", SettingsRepository::location);
    }

    public Optional<Location> location(Connection db, String id) throws SQLException {
        return Sql.first(db, "SELECT id, name, time_zone FROM location WHERE id = ?", SettingsRepository::location, id);
    }

    private static Location location(ResultSet rows) throws SQLException {
        return new Location(rows.getString(1), rows.getString(2), ZoneId.of(rows.getString(3)));
    }

    public void insertConnection(Connection db, ConnectionRow row) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement(
                "INSERT INTO provider_connection (id, location_id, provider_id, name, settings_sealed, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, row.id());
            insert.setString(2, row.locationId());
            insert.setString(3, row.providerId());
            insert.setString(4, row.name());
            insert.setString(5, row.sealedSettings());
            insert.setTimestamp(6, Timestamp.from(row.createdAt()));
            insert.executeUpdate();
        }
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

    /** Insert or replace; portable between H2 and PostgreSQL (no MERGE / ON CONFLICT). */
    public void saveMethodSetting(Connection db, MethodSetting setting, Instant now) throws SQLException {
        String options = JsonOptions.write(setting.options());
        try (PreparedStatement update = db.prepareStatement("UPDATE method_setting SET enabled = ?, connection_id = ?,"
                + " options = ?, updated_at = ? WHERE location_id = ? AND method_id = ?")) {
            update.setBoolean(1, setting.enabled());
            update.setString(2, setting.connectionId());
            update.setString(3, options);
            update.setTimestamp(4, Timestamp.from(now));
            update.setString(5, setting.locationId());
            update.setString(6, setting.methodId());
            if (update.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO method_setting"
                + " (location_id, method_id, enabled, connection_id, options, updated_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, setting.locationId());
            insert.setString(2, setting.methodId());
            insert.setBoolean(3, setting.enabled());
            insert.setString(4, setting.connectionId());
            insert.setString(5, options);
            insert.setTimestamp(6, Timestamp.from(now));
            insert.executeUpdate();
        }
    }

    public List<MethodSetting> methodSettings(Connection db, String locationId) throws SQLException {
        return Sql.list(db, "SELECT location_id, method_id, enabled, connection_id, options FROM method_setting"
                + " WHERE location_id = ? ORDER BY method_id", SettingsRepository::methodSetting, locationId);
    }

    private static MethodSetting methodSetting(ResultSet rows) throws SQLException {
        return new MethodSetting(rows.getString(1), rows.getString(2), rows.getBoolean(3), rows.getString(4),
                JsonOptions.read(rows.getString(5)));
    }

    public Optional<MethodSetting> methodSetting(Connection db, String locationId, String methodId) throws SQLException {
        return Sql.first(db, "SELECT location_id, method_id, enabled, connection_id, options FROM method_setting"
                + " WHERE location_id = ? AND method_id = ?", SettingsRepository::methodSetting, locationId, methodId);
    }
}
