package io.tender.console.internal.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

    private Instant now = Instant.parse("2026-11-24T09:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    };

    @Test
    void tenFailuresLockAnEmailForTheRestOfTheWindowOnly() {
        SignInThrottle throttle = new SignInThrottle(clock);
        for (int i = 0; i < SignInThrottle.MAX_FAILURES - 1; i++) {
            throttle.failed("Eve@Example.com ");
        }
        assertThat(throttle.wait("eve@example.com")).isZero();
        throttle.failed("eve@example.com");
        assertThat(throttle.wait("EVE@example.com")).isEqualTo(SignInThrottle.WINDOW);
        assertThat(throttle.wait("other@example.com")).as("other emails are not held up").isZero();
        now = now.plus(Duration.ofMinutes(10));
        assertThat(throttle.wait("eve@example.com")).isEqualTo(Duration.ofMinutes(5));
        now = now.plus(Duration.ofMinutes(5));
        assertThat(throttle.wait("eve@example.com")).isZero();
        throttle.failed("eve@example.com");
        assertThat(throttle.wait("eve@example.com")).as("a new window starts from one failure").isZero();
    }

    @Test
    void aSuccessClearsTheFailures() {
        SignInThrottle throttle = new SignInThrottle(clock);
        for (int i = 0; i < SignInThrottle.MAX_FAILURES; i++) {
            throttle.failed("eve@example.com");
        }
        throttle.succeeded("eve@example.com");
        assertThat(throttle.wait("eve@example.com")).isZero();
    }
}
