package io.tender.core.internal.payments;

import io.tender.api.PaymentRequest;
import io.tender.core.internal.Fingerprint;

/** A digest of a payment request's parameters: a reused idempotency key must come with the same ones. */
final class RequestFingerprint {

    private RequestFingerprint() {
    }

    static String of(PaymentRequest request) {
        return Fingerprint.ofNulJoined(request.locationId(), request.methodId(),
                request.amount() == null ? "" : request.amount().minorUnits() + request.amount().currency().getCurrencyCode(),
                request.purpose(), request.reference(), request.description(), request.customerEmail(), request.returnUrl());
    }
}
