package io.tender.console.internal.edge;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets per client address: each holds up to {@code burst} requests and refills at
 * {@code rate} per second. Buckets full again are dropped now and then, so the map holds only the
 * addresses sending now.
 */
final class RateLimiter {

    /** Buckets kept before idle ones are dropped. */
    static final int SWEEP_AT = 10_000;

    private static final class Bucket {
        private double tokens;
        private long updated;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updated = now;
        }

        synchronized boolean take(long rate, long burst, long now) {
            tokens = Math.min(burst, tokens + (now - updated) * rate / 1e9);
            updated = now;
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }

        synchronized boolean full(long rate, long burst, long now) {
            return tokens + (now - updated) * rate / 1e9 >= burst;
        }
    }

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** @return whether the address may make one more request now */
    boolean tryAcquire(String address, long rate, long burst, long nanoTime) {
        if (buckets.size() >= SWEEP_AT) {
            buckets.values().removeIf(b -> b.full(rate, burst, nanoTime));
        }
        return buckets.computeIfAbsent(address, a -> new Bucket(burst, nanoTime)).take(rate, burst, nanoTime);
    }

    int size() {
        return buckets.size();
    }
}
