package io.tender.console.internal.rest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Keeps password guessing slow and sign-in from exhausting the machine: each Argon2id check takes
 * 19 MiB and a core for a moment, so only a few run at once, and an email with
 * {@value #MAX_FAILURES} failed sign-ins within {@link #WINDOW} is refused until the window has passed.
 */
@Component(service = SignInThrottle.class)
public final class SignInThrottle {

    static final int MAX_FAILURES = 10;
    static final Duration WINDOW = Duration.ofMinutes(15);
    private static final int CONCURRENT = 4;
    private static final int TRACKED = 10_000;

    private record Failures(int count, Instant since) {
    }

    private final Semaphore hashing = new Semaphore(CONCURRENT, true);
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    @Activate
    public SignInThrottle() {
        this(Clock.systemUTC());
    }

    SignInThrottle(Clock clock) {
        this.clock = clock;
    }

    /** @return how long the email must wait before another attempt, or zero if it may try now */
    Duration wait(String email) {
        Failures seen = failures.get(key(email));
        if (seen == null || seen.count() < MAX_FAILURES) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), seen.since().plus(WINDOW));
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** Takes one of the few hashing slots, waiting a little. @return false if the server is too busy */
    boolean enter() throws InterruptedException {
        return hashing.tryAcquire(5, TimeUnit.SECONDS);
    }

    void leave() {
        hashing.release();
    }

    void failed(String email) {
        if (failures.size() > TRACKED) {
            failures.clear(); // a flood of made-up emails must not grow the map without end
        }
        Instant now = clock.instant();
        failures.merge(key(email), new Failures(1, now), (old, one) -> old.since().plus(WINDOW).isBefore(now)
                ? one : new Failures(old.count() + 1, old.since()));
    }

    void succeeded(String email) {
        failures.remove(key(email));
    }

    private static String key(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }
}
