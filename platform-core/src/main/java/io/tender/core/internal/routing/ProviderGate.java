package io.tender.core.internal.routing;

import io.tender.api.provider.PaymentProvider;
import io.tender.api.provider.ProviderAccount;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
 */
final class ProviderGate {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderGate.class);

    /** One registered provider service and the calls inside it now. */
    private static final class Door {
        final String id;
        final ServiceReference<PaymentProvider> reference;
        final PaymentProvider provider;
        final SettingsViews views = new SettingsViews();
        int inside;
        boolean leaving;

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
            if (best(door.id).isEmpty()) {
                awaySince.putIfAbsent(door.id, System.nanoTime()); // from now on, calls wait for a successor
            }
            long left = drain.toNanos();
            while (door.inside > 0 && left > 0) {
                left = changed.awaitNanos(left);
            }
            if (door.inside > 0) {
                LOG.warn("Provider {} went away with {} calls still inside after {}", door.id, door.inside, drain);
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
            if (best(id).isPresent()) {
                return true;
            }
            return recentlyAway(id);
        } finally {
            lock.unlock();
        }
    }

    /** @return the provider with the id now, without waiting */
    Optional<PaymentProvider> current(String id) {
        lock.lock();
        try {
            return best(id).map(d -> d.provider);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Enters the provider with the id, waiting up to the configured time for one to be there.
     *
     * @return the pass, or empty if no provider with the id came in time
     */
    Optional<Pass> enter(String id) throws InterruptedException {
        lock.lock();
        try {
            long left = remaining(id);
            Optional<Door> door = best(id);
            while (door.isEmpty() && left > 0) {
                left = changed.awaitNanos(left);
                door = best(id);
            }
            if (door.isEmpty()) {
                return Optional.empty();
            }
            Door entered = door.get();
            entered.inside++;
            return Optional.of(new Pass() {
                private boolean closed;

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
                    lock.lock();
                    try {
                        if (!closed) {
                            closed = true;
                            entered.inside--;
                            changed.signalAll();
                        }
                    } finally {
                        lock.unlock();
                    }
                }
            });
        } finally {
            lock.unlock();
        }
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
