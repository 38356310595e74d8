package io.tender.core.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.tender.api.provider.PaymentProvider;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/** Calls ride through a provider's update: they wait for the new one, and the old one lets its calls finish. */
class ProviderGateTest {

    private static final AtomicLong IDS = new AtomicLong();

    /** A service reference ordered as OSGi orders them: higher ranking, then lower service id, wins. */
    private record Reference(long serviceId) implements ServiceReference<PaymentProvider> {
        static Reference next() {
            return new Reference(IDS.incrementAndGet());
        }

        @Override
        public Object getProperty(String key) {
            return "service.id".equals(key) ? serviceId : null;
        }

        @Override
        public String[] getPropertyKeys() {
            return new String[] {"service.id"};
        }

        @Override
        public Bundle getBundle() {
            return null;
        }

        @Override
        public Bundle[] getUsingBundles() {
            return null;
        }

        @Override
        public boolean isAssignableTo(Bundle bundle, String className) {
            return true;
        }

        @Override
        public int compareTo(Object other) {
            return Long.compare(((Reference) other).serviceId, serviceId); // the older (lower id) ranks higher
        }

        @Override
        public Dictionary<String, Object> getProperties() {
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put("service.id", serviceId);
            return properties;
        }

        @Override
        public <A> A adapt(Class<A> type) {
            return null;
        }
    }

    private static PaymentProvider provider(String name) {
        return (PaymentProvider) Proxy.newProxyInstance(PaymentProvider.class.getClassLoader(), new Class<?>[] {PaymentProvider.class},
                (proxy, method, args) -> method.getName().equals("toString") ? name : null);
    }

    @Test
    void aCallWaitsForAProviderThatIsBeingUpdatedAndAnUnknownIdIsRefusedAtOnce() throws Exception {
        ProviderGate gate = new ProviderGate(Duration.ofSeconds(5), Duration.ofSeconds(5));
        long start = System.nanoTime();
        assertThat(gate.enter("sandbox")).as("never ran: no wait").isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));

        Reference old = Reference.next();
        gate.arrive("sandbox", old, provider("v1"));
        gate.leave(old); // the update stops the old version
        CompletableFuture<Optional<ProviderGate.Pass>> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return gate.enter("sandbox");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200);
        assertThat(waiting).as("waits while the bundle is away").isNotDone();
        gate.arrive("sandbox", Reference.next(), provider("v2"));
        try (ProviderGate.Pass pass = waiting.get(5, TimeUnit.SECONDS).orElseThrow()) {
            assertThat(pass.provider().toString()).isEqualTo("v2");
        }
    }

    @Test
    void aProviderThatDoesNotComeBackInTimeIsRefused() throws Exception {
        ProviderGate gate = new ProviderGate(Duration.ofMillis(200), Duration.ofSeconds(5));
        Reference old = Reference.next();
        gate.arrive("sandbox", old, provider("v1"));
        gate.leave(old);
        long start = System.nanoTime();
        assertThat(gate.enter("sandbox")).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(150), Duration.ofSeconds(3));
    }

    @Test
    void aLeavingProviderLetsItsCallsFinishWhileNewCallsGoToItsSuccessor() throws Exception {
        ProviderGate gate = new ProviderGate(Duration.ofSeconds(5), Duration.ofSeconds(10));
        Reference old = Reference.next();
        gate.arrive("sandbox", old, provider("v1"));
        ProviderGate.Pass inside = gate.enter("sandbox").orElseThrow();
        gate.arrive("sandbox", Reference.next(), provider("v2")); // the new version registers beside the old one
        CompletableFuture<Void> leaving = CompletableFuture.runAsync(() -> gate.leave(old));
        Thread.sleep(200);
        assertThat(leaving).as("the old version waits for the call inside it").isNotDone();
        try (ProviderGate.Pass next = gate.enter("sandbox").orElseThrow()) {
            assertThat(next.provider().toString()).as("a new call goes to the new version").isEqualTo("v2");
        }
        assertThat(inside.provider().toString()).isEqualTo("v1");
        inside.close();
        leaving.get(5, TimeUnit.SECONDS);
        assertThat(gate.current("sandbox").map(Object::toString)).contains("v2");
    }

    @Test
    void aCallThatNeverEndsHoldsTheBundleOnlyForTheDrainTime() throws Exception {
        ProviderGate gate = new ProviderGate(Duration.ofSeconds(1), Duration.ofMillis(300));
        Reference old = Reference.next();
        gate.arrive("sandbox", old, provider("v1"));
        gate.enter("sandbox").orElseThrow(); // never closed
        long start = System.nanoTime();
        gate.leave(old);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(250), Duration.ofSeconds(3));
        assertThat(gate.current("sandbox")).isEmpty();
    }

    @Test
    void aProviderGoneForLongerThanTheWaitIsRefusedAtOnceAndNoLongerAvailable() throws Exception {
        ProviderGate gate = new ProviderGate(Duration.ofMillis(300), Duration.ofSeconds(5));
        Reference old = Reference.next();
        gate.arrive("sandbox", old, provider("v1"));
        gate.leave(old);
        assertThat(gate.available("sandbox")).as("just left: probably being updated").isTrue();
        Thread.sleep(400);
        assertThat(gate.available("sandbox")).as("away longer than the wait: not offered").isFalse();
        Thread.sleep(600);
        long start = System.nanoTime();
        assertThat(gate.enter("sandbox")).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("away for three waits: no wait at all").isLessThan(Duration.ofMillis(100));
        gate.arrive("sandbox", Reference.next(), provider("v2"));
        assertThat(gate.available("sandbox")).isTrue();
    }

    @Test
    void noCallIsInsideAVersionOnceItsDepartureReturnedWhileCallsEnterWithoutALock() throws Exception {
        ProviderGate gate = new ProviderGate(Duration.ofSeconds(5), Duration.ofSeconds(10));
        java.util.Map<String, java.util.concurrent.atomic.AtomicInteger> insideByVersion = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.Set<String> gone = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.atomic.AtomicInteger late = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        Reference current = Reference.next();
        gate.arrive("sandbox", current, provider("v0"));
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            for (int t = 0; t < 8; t++) {
                callers.submit(() -> {
                    while (running.get()) {
                        try (ProviderGate.Pass pass = gate.enter("sandbox").orElseThrow()) {
                            String version = pass.provider().toString();
                            insideByVersion.computeIfAbsent(version, v -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
                            if (gone.contains(version)) {
                                late.incrementAndGet(); // a call that got into a version whose departure had returned
                            }
                            insideByVersion.get(version).decrementAndGet();
                            calls.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
            for (int version = 1; version <= 200; version++) {
                Reference next = Reference.next();
                gate.arrive("sandbox", next, provider("v" + version)); // registers beside the old one, as an update does
                gate.leave(current);
                String left = "v" + (version - 1);
                gone.add(left);
                assertThat(insideByVersion.getOrDefault(left, new java.util.concurrent.atomic.AtomicInteger()).get())
                        .as("calls inside %s after it left", left).isZero();
                current = next;
            }
        } finally {
            running.set(false);
            callers.shutdown();
            assertThat(callers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(late.get()).isZero();
        assertThat(calls.get()).as("calls made during the 200 updates").isGreaterThan(200);
    }
}
