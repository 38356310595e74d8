package io.tender.core.internal.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done with one JDBC connection inside a transaction. */
@FunctionalInterface
public interface SqlWork<T> {
    T apply(Connection connection) throws SQLException;
}
