package io.tender.core.internal.routing;

import io.tender.api.provider.PaymentProvider;
import io.tender.api.provider.ProviderAccount;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.osgi.framework.ServiceReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps calls to providers whole while provider bundles are updated, refreshed or replaced.
 *
 * <ul>
 * <li>A call finds the provider with the id when it starts. If a provider with the id ran before and
 * is gone now (its bundle is being updated), it waits up to {@code wait} for one to come back
 * instead of failing at once; an id that never ran is refused at once.</li>
 * <li>A provider that is going away takes no new call; {@link #leave} returns only once the calls
 * already inside it have finished (or {@code drain} has passed), so they finish on the old version
 * before its bundle stops.</li>
 * </ul>
 * A call into a provider that runs takes no lock: it counts itself in, then checks that the door is
 * not closing (leave closes it, then counts who is inside). Every payment passes here, and under
 * overload a lock held by a thread the scheduler parked queued a hundred request threads behind it
 * (docs/PERFORMANCE.md). The lock guards the rest: arrivals, departures and waiting for a provider.
 */
final class ProviderGate {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderGate.class);

    /** One registered provider service and the calls inside it now. */
    private static final class Door {
        final String id;
        final ServiceReference<PaymentProvider> reference;
        final PaymentProvider provider;
        final SettingsViews views = new SettingsViews();
        final AtomicInteger inside = new AtomicInteger();
        volatile boolean leaving;

        Door(String id, ServiceReference<PaymentProvider> reference, PaymentProvider provider) {
            this.id = id;
            this.reference = reference;
            this.provider = provider;
        }
    }

    /** A call's hold on one provider; closing it lets the provider go if it is leaving. */
    interface Pass extends AutoCloseable {
        PaymentProvider provider();

        /** @return the account as this provider sees it: its typed settings read once per registration */
        ProviderAccount account(ProviderAccount account);

        @Override
        void close();
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<ServiceReference<PaymentProvider>, Door> doors = new ConcurrentHashMap<>();
    /** The door each id's calls take now ({@link #best}), kept by arrivals and departures under the lock. */
    private final Map<String, Door> open = new ConcurrentHashMap<>();
    /** Ids that ran at some time: only for those is a missing provider worth waiting for (it is being updated). */
    private final java.util.Set<String> seen = ConcurrentHashMap.newKeySet();
    /** When each id's last provider went away, while none runs. */
    private final Map<String, Long> awaySince = new ConcurrentHashMap<>();
    private volatile Duration wait;
    private volatile Duration drain;

    ProviderGate(Duration wait, Duration drain) {
        this.wait = wait;
        this.drain = drain;
    }

    void configure(Duration wait, Duration drain) {
        this.wait = wait;
        this.drain = drain;
    }

    Duration waitLimit() {
        return wait;
    }

    void arrive(String id, ServiceReference<PaymentProvider> reference, PaymentProvider provider) {
        lock.lock();
        try {
            doors.put(reference, new Door(id, reference, provider));
            reopen(id);
            seen.add(id);
            awaySince.remove(id);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Closes the provider's door to new calls and waits for the calls inside to finish. */
    void leave(ServiceReference<PaymentProvider> reference) {
        lock.lock();
        try {
            Door door = doors.get(reference);
            if (door == null) {
                return;
            }
            door.leaving = true;
            reopen(door.id);
            if (!open.containsKey(door.id)) {
                awaySince.putIfAbsent(door.id, System.nanoTime()); // from now on, calls wait for a successor
            }
            long left = drain.toNanos();
            while (door.inside.get() > 0 && left > 0) {
                left = changed.awaitNanos(left);
            }
            if (door.inside.get() > 0) {
                LOG.warn("Provider {} went away with {} calls still inside after {}", door.id, door.inside.get(), drain);
            }
            doors.remove(reference);
            changed.signalAll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            doors.remove(reference);
        } finally {
            lock.unlock();
        }
    }

    /**
     * @return true, without waiting, if a provider with the id runs, or went away less than the wait
     *         ago (a call now would wait for its return)
     */
    boolean available(String id) {
        lock.lock();
        try {
            return open.containsKey(id) || recentlyAway(id);
        } finally {
            lock.unlock();
        }
    }

    /** @return the provider with the id now, without waiting */
    Optional<PaymentProvider> current(String id) {
        return Optional.ofNullable(open.get(id)).map(d -> d.provider);
    }

    /**
     * Enters the provider with the id, waiting up to the configured time for one to be there.
     *
     * @return the pass, or empty if no provider with the id came in time
     */
    Optional<Pass> enter(String id) throws InterruptedException {
        Door door = open.get(id);
        if (door != null && tryEnter(door)) {
            return Optional.of(pass(door));
        }
        lock.lock();
        try {
            long left = remaining(id);
            while (true) {
                Door found = open.get(id); // under the lock, the open door is not closing
                if (found != null && tryEnter(found)) {
                    return Optional.of(pass(found));
                }
                if (left <= 0) {
                    return Optional.empty();
                }
                left = changed.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Counts a call into the door unless it is closing. Leaving closes the door before it counts
     * who is inside, and a call counts itself in before it looks at the door: so either the call
     * sees the door closing and backs out, or the departure sees the call and waits for it.
     */
    private boolean tryEnter(Door door) {
        door.inside.incrementAndGet();
        if (!door.leaving) {
            return true;
        }
        exit(door);
        return false;
    }

    private void exit(Door door) {
        if (door.inside.decrementAndGet() == 0 && door.leaving) {
            lock.lock();
            try {
                changed.signalAll(); // the departure waiting for the last call
            } finally {
                lock.unlock();
            }
        }
    }

    private Pass pass(Door entered) {
        AtomicBoolean closed = new AtomicBoolean();
        return new Pass() {
            @Override
            public PaymentProvider provider() {
                return entered.provider;
            }

            @Override
            public ProviderAccount account(ProviderAccount account) {
                return entered.views.over(account);
            }

            @Override
            public void close() {
                if (closed.compareAndSet(false, true)) {
                    exit(entered);
                }
            }
        };
    }

    /** Points the id's calls at its best door now; under the lock, and the only place that chooses it. */
    private void reopen(String id) {
        best(id).ifPresentOrElse(door -> open.put(id, door), () -> open.remove(id));
    }

    /**
     * @return how long a call that starts now may wait for a provider with the id, in nanoseconds:
     *         the whole wait while the provider has been away for a short while (an update), none
     *         once it has been away for three waits (it was removed), so threads do not pile up
     *         behind a provider that is not coming back
     */
    private long remaining(String id) {
        if (!seen.contains(id)) {
            return 0;
        }
        Long since = awaySince.get(id);
        return since == null || System.nanoTime() - since < 3 * wait.toNanos() ? wait.toNanos() : 0;
    }

    /** @return true if the provider with the id has been away for less than the wait */
    private boolean recentlyAway(String id) {
        Long since = awaySince.get(id);
        return since != null && System.nanoTime() - since < wait.toNanos();
    }

    /** The provider with the id that takes calls: not leaving, highest ranking, then oldest (as OSGi chooses). */
    private Optional<Door> best(String id) {
        return doors.values().stream().filter(d -> d.id.equals(id) && !d.leaving)
                .max((a, b) -> a.reference.compareTo(b.reference));
    }
}
