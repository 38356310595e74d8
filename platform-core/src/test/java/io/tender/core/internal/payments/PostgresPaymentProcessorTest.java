package io.tender.core.internal.payments;

/**
 * Every payment test again, on a real PostgreSQL server, each on a fresh database migrated by the
 * platform's own Flyway migrations: the store, its SQL and its locking behave as on H2.
 */
class PostgresPaymentProcessorTest extends PaymentProcessorTest {

    @Override
    CoreFixture newFixture() throws Exception {
        return PostgresServer.fixture();
    }
}
