package io.tender.itests;

import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/** Waiting on state, never sleeping for a fixed time: every wait ends as soon as its condition holds. */
final class Await {

    private Await() {
    }

    /**
     * Waits until a service of the type is registered and satisfies the condition, checked each
     * time the service is added or its properties change (runtime services count their changes),
     * and every 100 ms besides: a runtime may count a change before its DTOs show it and send no
     * event after, which once left a resource that was published unseen for the whole wait.
     */
    static <S> void service(BundleContext context, Class<S> type, Predicate<S> ready, String what) throws InterruptedException {
        CountDownLatch satisfied = new CountDownLatch(1);
        Consumer<S> check = service -> {
            if (ready.test(service)) {
                satisfied.countDown();
            }
        };
        ServiceTracker<S, S> tracker = new ServiceTracker<>(context, type, null) {
            @Override
            public S addingService(ServiceReference<S> reference) {
                S service = super.addingService(reference);
                check.accept(service);
                return service;
            }

            @Override
            public void modifiedService(ServiceReference<S> reference, S service) {
                check.accept(service);
            }
        };
        tracker.open();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!satisfied.await(100, TimeUnit.MILLISECONDS)) {
                assertTrue(what, System.nanoTime() < deadline);
                tracker.getTracked().values().forEach(check);
            }
        } finally {
            tracker.close();
        }
    }

    /**
     * Reads a value until it satisfies the condition or the time is up, for state that changes on
     * another thread without an event to wait on (a webhook being delivered, a sweeper's round).
     *
     * @return the last value read
     */
    static <T> T until(Supplier<T> read, Predicate<T> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T value = read.get();
        while (!done.test(value) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            value = read.get();
        }
        return value;
    }
}
