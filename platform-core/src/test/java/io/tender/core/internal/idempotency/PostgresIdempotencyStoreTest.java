package io.tender.core.internal.idempotency;

import io.tender.core.internal.payments.CoreFixture;
import io.tender.core.internal.payments.PostgresServer;

/** The same tests on a real PostgreSQL server, on a fresh migrated database each. */
class PostgresIdempotencyStoreTest extends IdempotencyStoreTest {

    @Override
    CoreFixture newFixture() throws Exception {
        return PostgresServer.fixture();
    }
}
