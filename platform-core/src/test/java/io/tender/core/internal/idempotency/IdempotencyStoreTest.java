package io.tender.core.internal.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import io.tender.api.idempotency.Claim;
import io.tender.api.idempotency.StoredAnswer;
import io.tender.core.internal.credentials.AesGcmCipher;
import io.tender.core.internal.payments.CoreFixture;
import io.tender.core.internal.payments.SettableClock;
import io.tender.core.internal.store.Sql;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Idempotent answers on the real store: replays, reuse with other parameters, concurrency, crashes. */
class IdempotencyStoreTest {

    private static final AesGcmCipher CIPHER = new AesGcmCipher(new byte[32]);
    private static final StoredAnswer CREATED = new StoredAnswer(201, "application/json", "http://localhost/api/payments/pay_1",
            null, "{\"id\":\"pay_1\",\"customerEmail\":\"ana@example.com\"}".getBytes(StandardCharsets.UTF_8));

    private final SettableClock now = new SettableClock(Instant.parse("2026-11-24T09:00:00Z"));
    CoreFixture core;

    @BeforeEach
    void setUp() throws Exception {
        core = newFixture();
    }

    /** The platform these tests run on: H2 here, PostgreSQL in {@code PostgresIdempotencyStoreTest}. */
    CoreFixture newFixture() throws Exception {
        return new CoreFixture();
    }

    @AfterEach
    void tearDown() {
        core.close();
    }

    @Test
    void theFirstAnswerIsGivenAgainForADaySealedAtRest() {
        IdempotencyStore store = new IdempotencyStore(core.store, CIPHER, now);
        Claim first = store.claim("key_1", "k-1", "fp", Duration.ZERO);
        assertThat(first).isInstanceOf(Claim.Run.class);
        store.complete((Claim.Run) first, CREATED);

        assertThat(store.claim("key_1", "k-1", "fp", Duration.ZERO)).isEqualTo(new Claim.Replay(CREATED));
        String atRest = core.store.inTransaction(db -> Sql.first(db, "SELECT body_sealed FROM idempotent_request",
                rows -> rows.getString(1))).orElseThrow();
        assertThat(atRest).doesNotContain("ana@example.com", "pay_1");

        // Other callers' keys never meet; other parameters are refused.
        assertThat(store.claim("key_2", "k-1", "fp", Duration.ZERO)).isInstanceOf(Claim.Run.class);
        assertThat(store.claim("key_1", "k-1", "other", Duration.ZERO)).isEqualTo(new Claim.Mismatch());

        // After a day the key is new again, and the old answer is swept.
        now.advance(Duration.ofHours(24).plusSeconds(1));
        assertThat(store.sweep()).isEqualTo(2); // key_2's too: it never answered, and its lease ran out
        assertThat(store.claim("key_1", "k-1", "other", Duration.ZERO)).isInstanceOf(Claim.Run.class);
    }

    @Test
    void aReleasedKeyRunsAgainAndACrashedRunIsTakenOverAfterItsLease() {
        IdempotencyStore store = new IdempotencyStore(core.store, CIPHER, now);
        Claim.Run first = (Claim.Run) store.claim("key_1", "k-1", "fp", Duration.ZERO);
        store.release(first);
        Claim.Run second = (Claim.Run) store.claim("key_1", "k-1", "fp", Duration.ZERO);

        // Its node stops without an answer: the key is busy until the lease runs out, then runs again.
        IdempotencyStore otherNode = new IdempotencyStore(core.store, CIPHER, now);
        assertThat(otherNode.claim("key_1", "k-1", "fp", Duration.ZERO)).isEqualTo(new Claim.Busy());
        now.advance(IdempotencyStore.RUNNING_LEASE.plusSeconds(1));
        Claim.Run takenOver = (Claim.Run) otherNode.claim("key_1", "k-1", "fp", Duration.ZERO);
        otherNode.complete(takenOver, CREATED);
        assertThat(store.claim("key_1", "k-1", "fp", Duration.ZERO)).isEqualTo(new Claim.Replay(CREATED));
        assertThat(second.id()).isEqualTo(takenOver.id());
    }

    @Test
    void concurrentRequestsWithOneKeyRunOnceAndAllGetItsAnswer() throws Exception {
        // Two stores on one database: two nodes, whose waiters only see each other's answers in the store.
        IdempotencyStore nodeA = new IdempotencyStore(core.store, CIPHER, Clock.systemUTC());
        IdempotencyStore nodeB = new IdempotencyStore(core.store, CIPHER, Clock.systemUTC());
        int requests = 200;
        ExecutorService pool = Executors.newFixedThreadPool(32);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Claim>> claims = new ArrayList<>();
        try {
            for (int i = 0; i < requests; i++) {
                IdempotencyStore node = i % 2 == 0 ? nodeA : nodeB;
                claims.add(pool.submit(() -> {
                    start.await();
                    Claim claim = node.claim("key_1", "burst", "fp", Duration.ofSeconds(20));
                    if (claim instanceof Claim.Run run) {
                        Thread.sleep(300); // the payment and the provider call
                        node.complete(run, CREATED);
                    }
                    return claim;
                }));
            }
            start.countDown();
            int runs = 0;
            int replays = 0;
            for (Future<Claim> claim : claims) {
                Claim got = claim.get(60, TimeUnit.SECONDS);
                if (got instanceof Claim.Run) {
                    runs++;
                } else if (got.equals(new Claim.Replay(CREATED))) {
                    replays++;
                }
            }
            assertThat(runs).isEqualTo(1);
            assertThat(replays).isEqualTo(requests - 1);
        } finally {
            pool.shutdownNow();
            nodeA.deactivate();
            nodeB.deactivate();
        }
    }

    @Test
    void aWaiterGivesUpAfterItsWaitWhileTheFirstStillRuns() {
        IdempotencyStore store = new IdempotencyStore(core.store, CIPHER, Clock.systemUTC());
        store.claim("key_1", "slow", "fp", Duration.ZERO);
        long started = System.nanoTime();
        assertThat(store.claim("key_1", "slow", "fp", Duration.ofMillis(300))).isEqualTo(new Claim.Busy());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }
}
