package io.tender.core.internal.idempotency;

import io.tender.api.idempotency.Claim;
import io.tender.api.idempotency.IdempotentRequests;
import io.tender.api.idempotency.StoredAnswer;
import io.tender.core.internal.Ids;
import io.tender.core.internal.credentials.AesGcmCipher;
import io.tender.core.internal.credentials.CredentialVault;
import io.tender.core.internal.store.Sql;
import io.tender.core.internal.store.StoreException;
import io.tender.core.internal.store.TenderStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answers of idempotent requests, in the store so that every node sees them. A key's row is
 * inserted when its first request starts (the unique key makes one insert win, on any node) and
 * holds the answer once it ends. Waiting requests on this node are woken when the answer is
 * stored; requests waiting on other nodes find it by reading again.
 */
@Component(service = IdempotentRequests.class, immediate = true, configurationPid = IdempotencyStore.PID)
@Designate(ocd = IdempotencyStore.Config.class)
public final class IdempotencyStore implements IdempotentRequests {

    static final String PID = "io.tender.idempotency";

    @ObjectClassDefinition(name = "Tender idempotent requests", description = "How keys of running requests are held.")
    public @interface Config {
        @AttributeDefinition(name = "Running lease (seconds)", min = "5", max = "3600",
                description = "How long a running request holds its key. Longer than any request runs (provider calls time"
                        + " out after 30 s, after at most 10 s of waiting for the provider); once it has run out, the node"
                        + " that held it is taken to have stopped and the next request with the key runs instead.")
        int runningLeaseSeconds() default 60;
    }

    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyStore.class);
    /** How long an answer is given again. */
    static final Duration REPLAY_WINDOW = Duration.ofDays(1);
    /** The default of {@link Config#runningLeaseSeconds()}. */
    static final Duration RUNNING_LEASE = Duration.ofSeconds(60);
    private static final Duration LONGEST_POLL = Duration.ofMillis(200);
    private static final String SEAL_CONTEXT = "idempotent-answer";

    private final TenderStore store;
    private final AesGcmCipher cipher;
    private final Clock clock;
    private final Duration runningLease;
    /** The requests running on this node, by claim id: completed when their answer is stored or they give up. */
    private final Map<String, CompletableFuture<Void>> running = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper;

    @Activate
    public IdempotencyStore(Config config, @Reference TenderStore store, @Reference CredentialVault vault) {
        this(store, vault.cipher(), Clock.systemUTC(), Duration.ofSeconds(config.runningLeaseSeconds()));
        sweeper.scheduleWithFixedDelay(this::sweepQuietly, 1, 10, TimeUnit.MINUTES);
    }

    IdempotencyStore(TenderStore store, AesGcmCipher cipher, Clock clock) {
        this(store, cipher, clock, RUNNING_LEASE);
    }

    IdempotencyStore(TenderStore store, AesGcmCipher cipher, Clock clock, Duration runningLease) {
        this.store = store;
        this.cipher = cipher;
        this.clock = clock;
        this.runningLease = runningLease;
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "tender-idempotency-sweeper"));
    }

    @Deactivate
    void deactivate() {
        sweeper.shutdownNow();
        running.values().forEach(done -> done.complete(null));
    }

    @Override
    public Claim claim(String scope, String key, String fingerprint, Duration wait) {
        Instant deadline = clock.instant().plus(wait);
        Duration poll = Duration.ofMillis(10);
        // Most keys are new: one INSERT claims them, and its unique (scope, key) is the check. Only a
        // key seen before is read and locked, which on H2 also means a statement parsed every time
        // (it caches no SELECT ... FOR UPDATE).
        try {
            String id = Ids.ordered("idem");
            Instant now = clock.instant();
            store.inTransaction(db -> insert(db, id, scope, key, fingerprint, now, runningLease));
            running.put(id, new CompletableFuture<>());
            return new Claim.Run(id);
        } catch (StoreException e) {
            if (!e.isDuplicateKey()) {
                throw e;
            }
        }
        while (true) {
            Instant now = clock.instant();
            Attempt attempt;
            try {
                attempt = store.inTransaction(db -> tryClaim(db, scope, key, fingerprint, now, runningLease));
            } catch (StoreException e) {
                if (!e.isDuplicateKey()) {
                    throw e;
                }
                continue; // another request inserted the key first: read what it holds
            }
            if (attempt.claim() instanceof Claim.Run run) {
                running.put(run.id(), new CompletableFuture<>());
                return run;
            }
            if (attempt.claim() != null) {
                return attempt.claim();
            }
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                return new Claim.Busy();
            }
            awaitEnd(attempt.runningId(), min(left, poll));
            poll = min(poll.multipliedBy(2), LONGEST_POLL);
        }
    }

    /** What one attempt found: a decision, or (claim null) the id of the request with the key that still runs. */
    private record Attempt(Claim claim, String runningId) {
        static Attempt decided(Claim claim) {
            return new Attempt(claim, null);
        }
    }

    private Attempt tryClaim(Connection db, String scope, String key, String fingerprint, Instant now, Duration lease)
            throws SQLException {
        Optional<Row> found = Sql.first(db, "SELECT id, fingerprint, running_until, status, content_type, location, etag,"
                + " body_sealed, expires_at FROM idempotent_request WHERE scope = ? AND idem_key = ? FOR UPDATE",
                Row::read, scope, key);
        if (found.isEmpty()) {
            String id = Ids.ordered("idem");
            insert(db, id, scope, key, fingerprint, now, lease);
            return Attempt.decided(new Claim.Run(id));
        }
        Row row = found.get();
        if (row.expiresAt().isBefore(now)) {
            // A day has passed: the key is new again, as at Stripe.
            restart(db, row.id(), fingerprint, now.plus(lease), now, true);
            return Attempt.decided(new Claim.Run(row.id()));
        }
        if (!row.fingerprint().equals(fingerprint)) {
            return Attempt.decided(new Claim.Mismatch());
        }
        if (row.status() != null) {
            return Attempt.decided(new Claim.Replay(new StoredAnswer(row.status(), row.contentType(), row.location(),
                    row.etag(), row.bodySealed() == null ? new byte[0] : cipher.open(row.bodySealed(), SEAL_CONTEXT + ":" + row.id()))));
        }
        if (row.runningUntil() == null || row.runningUntil().isBefore(now)) {
            LOG.warn("Idempotent request {} held its key past its lease (its node may have stopped): running it again", row.id());
            restart(db, row.id(), fingerprint, now.plus(lease), now, false);
            return Attempt.decided(new Claim.Run(row.id()));
        }
        return new Attempt(null, row.id());
    }

    private static Void insert(Connection db, String id, String scope, String key, String fingerprint, Instant now,
            Duration lease) throws SQLException {
        Sql.execute(db, "INSERT INTO idempotent_request (id, scope, idem_key, fingerprint, running_until, created_at,"
                + " expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)", s -> {
                    s.setString(1, id);
                    s.setString(2, scope);
                    s.setString(3, key);
                    s.setString(4, fingerprint);
                    s.setTimestamp(5, Timestamp.from(now.plus(lease)));
                    s.setTimestamp(6, Timestamp.from(now));
                    s.setTimestamp(7, Timestamp.from(now.plus(REPLAY_WINDOW)));
                });
        return null;
    }

    private static void restart(Connection db, String id, String fingerprint, Instant leaseEnd, Instant now, boolean anew)
            throws SQLException {
        Sql.execute(db, "UPDATE idempotent_request SET fingerprint = ?, running_until = ?, status = NULL, content_type = NULL,"
                + " location = NULL, etag = NULL, body_sealed = NULL" + (anew ? ", created_at = ?, expires_at = ?" : "")
                + " WHERE id = ?", s -> {
                    s.setString(1, fingerprint);
                    s.setTimestamp(2, Timestamp.from(leaseEnd));
                    if (anew) {
                        s.setTimestamp(3, Timestamp.from(now));
                        s.setTimestamp(4, Timestamp.from(now.plus(REPLAY_WINDOW)));
                    }
                    s.setString(anew ? 5 : 3, id);
                });
    }

    @Override
    public void complete(Claim.Run ticket, StoredAnswer answer) {
        try {
            store.inTransaction(db -> Sql.execute(db, "UPDATE idempotent_request SET running_until = NULL, status = ?,"
                    + " content_type = ?, location = ?, etag = ?, body_sealed = ? WHERE id = ?", s -> {
                        s.setInt(1, answer.status());
                        s.setString(2, answer.contentType());
                        s.setString(3, answer.location());
                        s.setString(4, answer.etag());
                        s.setString(5, answer.body().length == 0 ? null
                                : cipher.seal(answer.body(), SEAL_CONTEXT + ":" + ticket.id()));
                        s.setString(6, ticket.id());
                    }));
        } finally {
            ended(ticket);
        }
    }

    @Override
    public void release(Claim.Run ticket) {
        try {
            store.inTransaction(db -> Sql.execute(db, "DELETE FROM idempotent_request WHERE id = ? AND status IS NULL",
                    s -> s.setString(1, ticket.id())));
        } finally {
            ended(ticket);
        }
    }

    private void ended(Claim.Run ticket) {
        CompletableFuture<Void> done = running.remove(ticket.id());
        if (done != null) {
            done.complete(null);
        }
    }

    /** Waits for a running request's end: woken at once if it runs here, else reads again after the poll. */
    private void awaitEnd(String id, Duration poll) {
        CompletableFuture<Void> done = running.get(id);
        try {
            if (done != null) {
                done.get(poll.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                Thread.sleep(Math.max(1, poll.toMillis()));
            }
        } catch (TimeoutException | ExecutionException e) {
            // read again
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a request with the same idempotency key", e);
        }
    }

    /** Drops the answers older than a day. */
    int sweep() {
        Instant now = clock.instant();
        return store.inTransaction(db -> Sql.execute(db, "DELETE FROM idempotent_request WHERE expires_at < ?"
                + " AND (running_until IS NULL OR running_until < ?)", s -> {
                    s.setTimestamp(1, Timestamp.from(now));
                    s.setTimestamp(2, Timestamp.from(now));
                }));
    }

    private void sweepQuietly() {
        try {
            int dropped = sweep();
            if (dropped > 0) {
                LOG.debug("Dropped {} idempotent answers older than a day", dropped);
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not drop old idempotent answers: {}", e.toString());
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private record Row(String id, String fingerprint, Instant runningUntil, Integer status, String contentType,
            String location, String etag, String bodySealed, Instant expiresAt) {
        static Row read(ResultSet rows) throws SQLException {
            Timestamp runningUntil = rows.getTimestamp(3);
            int code = rows.getInt(4);
            Integer status = rows.wasNull() ? null : code;
            return new Row(rows.getString(1), rows.getString(2), runningUntil == null ? null : runningUntil.toInstant(), status, rows.getString(5), rows.getString(6), rows.getString(7),
                    rows.getString(8), rows.getTimestamp(9).toInstant());
        }
    }
}
