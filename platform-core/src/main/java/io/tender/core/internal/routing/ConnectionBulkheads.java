package io.tender.core.internal.routing;

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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One provider connection cannot stall the others: each connection may have at most
 * {@code maxConcurrent} calls in flight, and a caller waits at most {@code timeout} for an answer.
 * A call that hangs keeps its slot (the provider still holds the thread) until it returns, so a
 * hanging provider fills its own connection's slots and no more; further calls to it are refused at
 * once, and calls to other connections go on.
 */
final class ConnectionBulkheads implements AutoCloseable {

    private final Map<String, Semaphore> slots = new ConcurrentHashMap<>();
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
        Semaphore slot = slots.computeIfAbsent(connectionId, id -> new Semaphore(maxConcurrent));
        if (!slot.tryAcquire()) {
            throw new ProviderException(ProviderErrorKind.UNAVAILABLE, "connection " + connectionId + " has " + maxConcurrent
                    + " calls in flight already; try again");
        }
        Future<T> answer;
        try {
            answer = threads.submit(() -> {
                try {
                    return call.call();
                } finally {
                    slot.release();
                }
            });
        } catch (RuntimeException rejected) {
            slot.release();
            throw rejected;
        }
        Duration limit = timeout;
        try {
            return answer.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true); // interrupts a provider that listens; one that does not keeps its slot until it returns
            throw new ProviderException(ProviderErrorKind.TIMEOUT, "no answer from connection " + connectionId + " within "
                    + limit.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
