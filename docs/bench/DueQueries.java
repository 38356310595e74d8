import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Times the two queries that background work runs every second or so on growing tables, as they
 * were and as they are, on H2 with n rows: the janitor's "which open payments are due for a check"
 * and the webhook inbox's "which events are due for an attempt". Each query runs 200 times with a
 * different time, so that H2's cache of the last result does not answer it.
 * Usage: java -cp h2.jar docs/bench/DueQueries.java [rows...]   (default 30000 300000)
 */
public class DueQueries {

    private static final String OPEN = "status IN ('CREATED', 'PENDING', 'REQUIRES_ACTION', 'UNKNOWN')";
    private static final Instant NOW = Instant.parse("2027-01-01T00:00:00Z");
    private static final int RUNS = 200;

    public static void main(String[] args) throws SQLException {
        String[] sizes = args.length > 0 ? args : new String[] {"30000", "300000"};
        for (String size : sizes) {
            int rows = Integer.parseInt(size);
            System.out.printf("%,d payments (a third closed), %,d inbox events (all processed but 100):%n", rows, rows);
            try (Connection db = DriverManager.getConnection("jdbc:h2:mem:due" + rows)) {
                fill(db, rows);
                // before: an open payment not checked yet had no next_check_at, and the query an OR
                setNextChecks(db, false);
                time(db, "janitor, before", "SELECT id, checks FROM payment WHERE " + OPEN
                        + " AND ((next_check_at IS NULL AND updated_at <= ?) OR next_check_at <= ?) ORDER BY updated_at", 2);
                setNextChecks(db, true);
                try (Statement sql = db.createStatement()) {
                    sql.execute("DROP INDEX payment_open_status"); // as V23 does
                }
                time(db, "janitor, now", "SELECT id, checks FROM payment WHERE next_check_at BETWEEN ? AND ? AND " + OPEN
                        + " ORDER BY next_check_at", -1);
                time(db, "inbox, before", "SELECT id FROM webhook_inbox WHERE (state = 'RECEIVED' AND next_attempt_at <= ?)"
                        + " OR (state = 'PROCESSING' AND lease_until < ?) ORDER BY next_attempt_at", 2);
                time(db, "inbox, now", "SELECT id FROM webhook_inbox WHERE state = 'RECEIVED' AND next_attempt_at <= ?"
                        + " ORDER BY next_attempt_at", 1);
            }
        }
    }

    /** Payments and inbox rows as a busy node leaves them, with both tables' indexes of either version. */
    private static void fill(Connection db, int rows) throws SQLException {
        try (Statement sql = db.createStatement()) {
            sql.execute("CREATE TABLE payment (id VARCHAR(40) PRIMARY KEY, status VARCHAR(24) NOT NULL,"
                    + " updated_at TIMESTAMP WITH TIME ZONE NOT NULL, next_check_at TIMESTAMP WITH TIME ZONE, checks INT NOT NULL)");
            sql.execute("CREATE INDEX payment_open_status ON payment (status, updated_at)");
            sql.execute("CREATE INDEX payment_next_check ON payment (next_check_at)");
            // 100 a second over the last rows/100 seconds; the open ones due a quiet time after their change
            sql.execute("INSERT INTO payment SELECT 'pay' || x, CASE WHEN MOD(x, 3) = 0 THEN 'SUCCEEDED' ELSE 'PENDING' END,"
                    + " DATEADD('SECOND', x / 100, TIMESTAMP WITH TIME ZONE '2026-12-31 00:00:00+00'),"
                    + " CASE WHEN MOD(x, 3) = 0 THEN NULL ELSE DATEADD('SECOND', 300 + x / 100,"
                    + " TIMESTAMP WITH TIME ZONE '2026-12-31 00:00:00+00') END, 0 FROM SYSTEM_RANGE(1, " + rows + ")");
            sql.execute("CREATE TABLE webhook_inbox (id VARCHAR(40) PRIMARY KEY, event_json TEXT NOT NULL, state VARCHAR(16) NOT NULL,"
                    + " next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL, lease_until TIMESTAMP WITH TIME ZONE)");
            sql.execute("CREATE INDEX webhook_inbox_due ON webhook_inbox (state, next_attempt_at)");
            sql.execute("INSERT INTO webhook_inbox SELECT 'whe' || x, REPEAT('x', 600), CASE WHEN x <= 100 THEN 'RECEIVED'"
                    + " ELSE 'PROCESSED' END, DATEADD('SECOND', x / 100, TIMESTAMP WITH TIME ZONE '2026-12-31 00:00:00+00'),"
                    + " NULL FROM SYSTEM_RANGE(1, " + rows + ")");
            sql.execute("ANALYZE");
        }
    }

    /** Gives the open payments their first check a quiet time after their change, or none, as before. */
    private static void setNextChecks(Connection db, boolean kept) throws SQLException {
        try (Statement sql = db.createStatement()) {
            sql.execute("UPDATE payment SET next_check_at = " + (kept ? "updated_at + INTERVAL '5' MINUTE" : "NULL")
                    + " WHERE " + OPEN);
        }
    }

    /** @param times how many times the query takes "now": 1 or 2; -1 for a lower bound and now */
    private static void time(Connection db, String label, String query, int times) throws SQLException {
        try (PreparedStatement select = db.prepareStatement(query)) {
            select.setMaxRows(100);
            long found = 0;
            long started = 0;
            for (int run = -20; run < RUNS; run++) { // 20 unmeasured runs first
                if (run == 0) {
                    started = System.nanoTime();
                }
                Timestamp now = Timestamp.from(NOW.plusMillis(run + 20));
                if (times == -1) {
                    select.setTimestamp(1, Timestamp.from(Instant.EPOCH));
                    select.setTimestamp(2, now);
                } else {
                    for (int i = 1; i <= times; i++) {
                        select.setTimestamp(i, i == 1 && times == 2 && query.contains("updated_at <=")
                                ? Timestamp.from(NOW.minusSeconds(300).plusMillis(run + 20)) : now);
                    }
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found += run >= 0 ? 1 : 0;
                    }
                }
            }
            System.out.printf("  %-16s %8.3f ms a query (%d rows)%n", label, (System.nanoTime() - started) / 1e6 / RUNS, found / RUNS);
        }
    }
}
