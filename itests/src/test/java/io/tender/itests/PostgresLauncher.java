package io.tender.itests;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server (binaries from Maven Central, run as their own process) for the runs
 * that test the distribution on PostgreSQL; one server for the test JVM, a fresh database for each
 * run so that no test sees another's rows.
 */
final class PostgresLauncher {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private PostgresLauncher() {
    }

    /** @return the JDBC URL of a new, empty database; user {@code postgres}, no password */
    static synchronized String newDatabase() {
        try {
            if (server == null) {
                server = EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(PostgresLauncher::stop, "postgres-stop"));
            }
            String name = "tender_run_" + DATABASES.incrementAndGet();
            try (Connection db = server.getPostgresDatabase().getConnection();
                    Statement sql = db.createStatement()) {
                sql.execute("CREATE DATABASE " + name);
            }
            return server.getJdbcUrl("postgres", name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create a database on the test PostgreSQL", e);
        }
    }

    private static synchronized void stop() {
        try {
            server.close();
        } catch (IOException e) {
            // The JVM is going away; the server's process dies with its data folder's lock.
        }
    }
}
