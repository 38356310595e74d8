package io.tender.console.internal.edge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aBurstIsLetThroughThenTheRateAndEachAddressHasItsOwnBucket() {
        RateLimiter limiter = new RateLimiter();
        long now = 0;
        int allowed = 0;
        for (int i = 0; i < 100; i++) {
            allowed += limiter.tryAcquire("10.0.0.1", 20, 50, now) ? 1 : 0;
        }
        assertThat(allowed).isEqualTo(50);
        assertThat(limiter.tryAcquire("10.0.0.2", 20, 50, now)).isTrue();
        assertThat(limiter.tryAcquire("10.0.0.1", 20, 50, now + SECOND / 20)).isTrue();
        assertThat(limiter.tryAcquire("10.0.0.1", 20, 50, now + SECOND / 20)).isFalse();
        allowed = 0;
        for (int i = 0; i < 100; i++) {
            allowed += limiter.tryAcquire("10.0.0.1", 20, 50, now + 2 * SECOND) ? 1 : 0;
        }
        assertThat(allowed).as("1.95 s since the last request refill 39").isEqualTo(39);
    }

    @Test
    void idleAddressesAreForgotten() {
        RateLimiter limiter = new RateLimiter();
        for (int i = 0; i < RateLimiter.SWEEP_AT; i++) {
            limiter.tryAcquire("10.1." + (i / 256) + "." + (i % 256), 20, 50, 0);
        }
        limiter.tryAcquire("10.9.9.9", 20, 50, 10 * SECOND);
        assertThat(limiter.size()).isEqualTo(1);
    }
}
