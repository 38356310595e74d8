package io.tender.core.internal.sales;

import io.tender.core.internal.payments.CoreFixture;
import io.tender.core.internal.payments.PostgresServer;

/** The same tests on a real PostgreSQL server, on a fresh migrated database each. */
class PostgresSalesStoreTest extends SalesStoreTest {

    @Override
    CoreFixture newFixture() throws Exception {
        return PostgresServer.fixture();
    }
}
