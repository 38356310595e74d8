package io.tender.core.internal.routing;

import io.tender.api.TenderException;
import io.tender.api.provider.ProviderErrorKind;
import io.tender.api.provider.ProviderException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One provider connection cannot stall the others: each connection may have at most
 * {@code maxConcurrent} calls in flight, and a caller waits at most {@code timeout} for an answer.
 * A call that hangs keeps its slot (the provider still holds the thread) until it returns, so a
 * hanging provider fills its own connection's slots and no more; further calls to it are refused at
 * once (as unavailable: they were not made), and calls to other connections go on.
 */
final class ConnectionBulkheads implements AutoCloseable {

    private final Map<String, Semaphore> slots = new ConcurrentHashMap<>();
    private final Map<String, CallRecord> records = new ConcurrentHashMap<>();
    private final java.time.Clock clock = java.time.Clock.systemUTC();
    private final ExecutorService threads;
    private volatile Duration timeout;
    private volatile int maxConcurrent;

    ConnectionBulkheads(Duration timeout, int maxConcurrent) {
        this.timeout = timeout;
        this.maxConcurrent = maxConcurrent;
        AtomicInteger count = new AtomicInteger();
        ThreadFactory named = work -> {
            Thread thread = new Thread(work, "tender-provider-call-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        // Unbounded, but every task holds one of the connections' slots: the sum of slots bounds it.
        this.threads = Executors.newCachedThreadPool(named);
    }

    void configure(Duration timeout, int maxConcurrent) {
        this.timeout = timeout;
        if (maxConcurrent != this.maxConcurrent) {
            this.maxConcurrent = maxConcurrent;
            slots.clear(); // new calls get the new bound; calls in flight release into the old semaphores
        }
    }

    /**
     * Runs a call to a connection's provider within its bounds.
     *
     * @throws ProviderException UNAVAILABLE if the connection has its maximum of calls in flight,
     *                           TIMEOUT (outcome unknown) if no answer came in time, or what the call threw
     */
    <T> T call(String connectionId, Callable<T> call) throws Exception {
        return call(connectionId, () -> { }, call);
    }

    /**
     * Runs a call to a connection's provider within its bounds.
     *
     * @param hold what the call holds while it runs (the provider's pass), closed when the call ends,
     *             however long after the caller gave up, or at once if it never starts
     * @throws TenderException PROVIDER_UNAVAILABLE if the connection has its maximum of calls in flight
     *                         (the call was not made)
     * @throws ProviderException TIMEOUT (outcome unknown) if no answer came in time, or what the call threw
     */
    <T> T call(String connectionId, AutoCloseable hold, Callable<T> call) throws Exception {
        Semaphore slot = slots.computeIfAbsent(connectionId, id -> new Semaphore(maxConcurrent));
        CallRecord record = records.computeIfAbsent(connectionId, id -> new CallRecord());
        if (!slot.tryAcquire()) {
            hold.close();
            String why = "connection " + connectionId + " has " + maxConcurrent + " calls in flight already; try again";
            record.failed(clock.instant(), why);
            throw new TenderException(TenderException.Reason.PROVIDER_UNAVAILABLE, null, why);
        }
        // Whoever claims the call first frees its slot and hold: the task when it runs, or the caller
        // when it gives up before the task ever started (a cancelled task never runs).
        AtomicBoolean claimed = new AtomicBoolean();
        Runnable free = () -> {
            slot.release();
            try {
                hold.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        Future<T> answer;
        try {
            answer = threads.submit(() -> {
                if (!claimed.compareAndSet(false, true)) {
                    return null; // the caller gave up before this started
                }
                try {
                    return call.call();
                } finally {
                    free.run();
                }
            });
        } catch (RuntimeException rejected) {
            free.run();
            throw rejected;
        }
        Duration limit = timeout;
        try {
            T result = answer.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            record.succeeded(clock.instant());
            return result;
        } catch (TimeoutException e) {
            answer.cancel(true); // interrupts a provider that listens; one that does not keeps its slot until it returns
            if (claimed.compareAndSet(false, true)) {
                free.run();
            }
            ProviderException timedOut = new ProviderException(ProviderErrorKind.TIMEOUT, "no answer from connection " + connectionId
                    + " within " + limit.toSeconds() + " s", e);
            record.failed(clock.instant(), timedOut.getMessage());
            throw timedOut;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ProviderException answered && (answered.kind() == ProviderErrorKind.DECLINED
                    || answered.kind() == ProviderErrorKind.INVALID_REQUEST)) {
                record.succeeded(clock.instant()); // the provider answered; it said no
            } else {
                record.failed(clock.instant(), String.valueOf(cause));
            }
            if (cause instanceof Exception exception) {
                throw exception;
            }
            // An Error (a class gone with a refreshed bundle): the call may have reached the provider.
            throw new IllegalStateException("the provider call broke: " + cause, cause);
        }
    }

    /** @return how calls to the connection went lately */
    io.tender.api.ConnectionHealth health(String connectionId) {
        Semaphore slot = slots.get(connectionId);
        int inFlight = slot == null ? 0 : Math.max(0, maxConcurrent - slot.availablePermits());
        CallRecord record = records.get(connectionId);
        return record == null ? new io.tender.api.ConnectionHealth(connectionId, 0, 0, inFlight, null, null, null)
                : record.health(connectionId, inFlight);
    }

    /** The outcomes of a connection's last 100 calls, and when it last succeeded and failed. */
    private static final class CallRecord {
        private static final int WINDOW = 100;
        private final boolean[] failed = new boolean[WINDOW];
        private int next;
        private int count;
        private int failures;
        private java.time.Instant lastSuccessAt;
        private java.time.Instant lastFailureAt;
        private String lastFailure;

        synchronized void succeeded(java.time.Instant at) {
            add(false);
            lastSuccessAt = at;
        }

        synchronized void failed(java.time.Instant at, String why) {
            add(true);
            lastFailureAt = at;
            lastFailure = why;
        }

        private void add(boolean failure) {
            if (count == WINDOW && failed[next]) {
                failures--;
            }
            failed[next] = failure;
            if (failure) {
                failures++;
            }
            next = (next + 1) % WINDOW;
            count = Math.min(WINDOW, count + 1);
        }

        synchronized io.tender.api.ConnectionHealth health(String connectionId, int inFlight) {
            return new io.tender.api.ConnectionHealth(connectionId, count, failures, inFlight, lastSuccessAt, lastFailureAt, lastFailure);
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
