package io.tender.itests;

import io.tender.provider.stripe.StripeStandIn;

/**
 * Starts the Stripe stand-in in the test JVM. Kept out of the test class, which is also loaded
 * inside the framework (in the probe bundle), where the stand-in's classes are not visible.
 */
final class StripeStandInLauncher {

    private static StripeStandIn running;

    private StripeStandInLauncher() {
    }

    /** @return the stand-in's base URL; one stand-in per JVM */
    static synchronized String start() {
        if (running == null) {
            running = new StripeStandIn();
        }
        return running.url();
    }
}
