package io.tender.core.internal.audit;

import io.tender.core.internal.payments.CoreFixture;
import io.tender.core.internal.payments.PostgresServer;

/** The same tests on a real PostgreSQL server, on a fresh migrated database each. */
class PostgresAuditStoreTest extends AuditStoreTest {

    @Override
    CoreFixture newFixture() throws Exception {
        return PostgresServer.fixture();
    }
}
