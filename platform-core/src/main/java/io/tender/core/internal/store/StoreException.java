package io.tender.core.internal.store;

import java.sql.SQLException;

/** A database failure the caller cannot fix; the transaction it happened in was rolled back. */
public final class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    /** @return true if the failure is a unique or primary-key violation (SQLSTATE 23505 on H2 and PostgreSQL) */
    public boolean isDuplicateKey() {
        return "23505".equals(((SQLException) getCause()).getSQLState());
    }
}
