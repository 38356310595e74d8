package io.tender.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tender pointed at a PostgreSQL database that already holds another application's tables: it must
 * leave the database as it found it, and say in its output why it does not start, instead of
 * staying unhealthy without a word (as it did while the benchmark's own table shared its schema).
 */
class ForeignDatabaseIT {

    @Test
    void aDatabaseHoldingAnotherApplicationsTablesIsLeftAloneAndTheReasonIsLogged() throws Exception {
        try (TestDatabase database = TestDatabase.start("foreign_app")) {
            try (Connection db = DriverManager.getConnection(database.jdbcUrl()); Statement sql = db.createStatement()) {
                sql.execute("CREATE TABLE invoices (id INT PRIMARY KEY)");
            }
            try (RunningTender tender = RunningTender.launch(database.tenderEnvironment())) {
                String line = tender.awaitLogLine("could not be migrated", Duration.ofSeconds(90));
                assertThat(line).contains("the store at jdbc:postgresql://").contains("/foreign_app");
                // The OSGi log's report of the failed component, printed, with Flyway's reason.
                assertThat(tender.output()).containsPattern("ERROR io.tender.platform-core - .*TenderStore")
                        .contains("Found non-empty schema");
                assertThat(tender.healthStatus()).isNotEqualTo(200);
            }
            assertThat(tables(database)).containsExactly("invoices");
        }
    }

    private static List<String> tables(TestDatabase database) throws Exception {
        List<String> tables = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(database.jdbcUrl());
                ResultSet rows = db.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            while (rows.next()) {
                tables.add(rows.getString("TABLE_NAME"));
            }
        }
        return tables;
    }
}
