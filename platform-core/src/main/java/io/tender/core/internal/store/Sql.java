package io.tender.core.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The JDBC boilerplate of a query or an update, so repositories only say the SQL and the mapping. */
public final class Sql {

    /** Reads one row into a value. */
    @FunctionalInterface
    public interface Row<T> {
        T read(ResultSet rows) throws SQLException;
    }

    /** Binds an update's parameters. */
    @FunctionalInterface
    public interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private Sql() {
    }

    /** @return every row the query with string parameters returns */
    public static <T> List<T> list(Connection db, String sql, Row<T> row, String... parameters) throws SQLException {
        try (PreparedStatement select = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = select.executeQuery()) {
                List<T> result = new ArrayList<>();
                while (rows.next()) {
                    result.add(row.read(rows));
                }
                return result;
            }
        }
    }

    /** @return the first row the query returns, if any */
    public static <T> Optional<T> first(Connection db, String sql, Row<T> row, String... parameters) throws SQLException {
        return list(db, sql, row, parameters).stream().findFirst();
    }

    /** @return how many rows the update changed */
    public static int execute(Connection db, String sql, Binder binder) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            binder.bind(statement);
            return statement.executeUpdate();
        }
    }
}
