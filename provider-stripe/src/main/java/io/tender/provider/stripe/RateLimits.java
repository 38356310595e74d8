package io.tender.provider.stripe;

import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Retries a call that Stripe answered with 429. A rate-limited request was not processed, and the
 * retry carries the same idempotency key, so this can never charge twice. stripe-java retries a
 * 429 only when Stripe asks it to ({@code Stripe-Should-Retry}); Tender always backs off twice.
 */
final class RateLimits {

    static final int RETRIES = 2;
    static final long FIRST_BACKOFF_MILLIS = 250;

    @FunctionalInterface
    interface StripeCall<T> {
        T call() throws StripeException;
    }

    private RateLimits() {
    }

    static <T> T retry(StripeCall<T> call) throws StripeException {
        for (int attempt = 0; ; attempt++) {
            try {
                return call.call();
            } catch (RateLimitException e) {
                if (attempt == RETRIES) {
                    throw e;
                }
                backOff(attempt);
            }
        }
    }

    /** Exponential backoff with jitter: 250-500 ms, then 500-1000 ms. */
    private static void backOff(int attempt) throws RateLimitException {
        long base = FIRST_BACKOFF_MILLIS << attempt;
        try {
            Thread.sleep(base + ThreadLocalRandom.current().nextLong(base));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new RateLimitException("interrupted while backing off a rate limit", null, null, null, 429, null);
        }
    }
}
