package io.tender.core.internal.store;

import io.tender.api.TenderException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Optimistic concurrency for a settings row: its version is read under the row's lock and compared
 * with the one the caller read (its ETag), so of two saves from one version exactly one wins.
 */
public final class RowVersion {

    private RowVersion() {
    }

    /**
     * @param lockingSelect a {@code SELECT version ... FOR UPDATE} of one row
     * @return the row's version, locked until the transaction ends, or empty if there is no row
     */
    public static Optional<Long> lock(Connection db, String lockingSelect, String... keys) throws SQLException {
        return Sql.first(db, lockingSelect, rows -> rows.getLong(1), keys);
    }

    /**
     * @param current  the stored version, 0 for a row never saved
     * @param expected the version the caller read, or null for any
     * @param what     what the row is, for the message ("the link settings")
     * @return the version the save gives the row
     * @throws TenderException PRECONDITION_FAILED on {@code If-Match} if the versions differ
     */
    public static long next(long current, Long expected, String what) {
        if (expected != null && expected != current) {
            throw TenderException.preconditionFailed("If-Match", what + " changed meanwhile (now version " + current
                    + "); read again and reapply your change");
        }
        return current + 1;
    }
}
