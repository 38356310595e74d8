package io.tender.core.internal.store;

import io.tender.api.TenderException;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Runs {@link SqlWork} in a transaction of its own. */
public final class Transactions {

    /** SQLSTATE class 22, data exception: the value, not the statement or the database, is at fault. */
    private static final String DATA_EXCEPTION = "22";

    private Transactions() {
    }

    public static <T> T run(DataSource dataSource, SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.apply(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith(DATA_EXCEPTION)) {
                // A value the database cannot hold (a NUL character, which PostgreSQL refuses in text; a
                // number out of range): the caller's input, refused like any other invalid input.
                throw TenderException.invalid(null, "a value cannot be stored: it holds a character or a number"
                        + " out of the allowed range (" + e.getSQLState() + ")");
            }
            throw new StoreException(e);
        }
    }
}
