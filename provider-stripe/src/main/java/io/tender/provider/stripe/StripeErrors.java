package io.tender.provider.stripe;

import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.CardException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.PermissionException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import io.tender.api.provider.ProviderErrorKind;
import io.tender.api.provider.ProviderException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;

/**
 * Stripe's failures as Tender's typed errors. What matters most is whether money may have moved:
 * only a request that surely never reached Stripe is UNAVAILABLE; a read timeout or a 5xx is
 * TIMEOUT (outcome unknown), after which Tender asks again with the same idempotency key.
 */
final class StripeErrors {

    private StripeErrors() {
    }

    static ProviderException map(StripeException e) {
        String message = message(e);
        if (e instanceof CardException) {
            return new ProviderException(ProviderErrorKind.DECLINED, message);
        }
        if (e instanceof AuthenticationException) {
            return new ProviderException(ProviderErrorKind.AUTHENTICATION, "Stripe refused the secret key: " + message);
        }
        if (e instanceof PermissionException) {
            return new ProviderException(ProviderErrorKind.AUTHENTICATION,
                    "the key lacks a permission Tender needs (a restricted key?): " + message);
        }
        if (e instanceof RateLimitException) {
            // stripe-java already retried with backoff (maxNetworkRetries); a 429 is never processed.
            return new ProviderException(ProviderErrorKind.UNAVAILABLE, "Stripe is rate limiting requests: " + message);
        }
        if (e instanceof IdempotencyException || e instanceof InvalidRequestException) {
            return new ProviderException(ProviderErrorKind.INVALID_REQUEST, message);
        }
        if (e instanceof ApiConnectionException) {
            return neverConnected(e)
                    ? new ProviderException(ProviderErrorKind.UNAVAILABLE, "Stripe could not be reached: " + message)
                    : new ProviderException(ProviderErrorKind.TIMEOUT, "no answer from Stripe in time: " + message);
        }
        // ApiException (5xx) and anything else: Stripe may have acted.
        return new ProviderException(ProviderErrorKind.TIMEOUT, "Stripe failed (" + e.getStatusCode() + "): " + message);
    }

    private static boolean neverConnected(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof UnknownHostException
                    || cause instanceof NoRouteToHostException) {
                return true;
            }
        }
        return false;
    }

    /** Stripe's own message, which never contains the key; with its request id for support. */
    private static String message(StripeException e) {
        String text = e.getStripeError() != null && e.getStripeError().getMessage() != null
                ? e.getStripeError().getMessage() : e.getMessage();
        return e.getRequestId() == null ? text : text + " (request " + e.getRequestId() + ")";
    }
}
