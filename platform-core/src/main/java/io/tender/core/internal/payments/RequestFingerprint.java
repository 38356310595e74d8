package io.tender.core.internal.payments;

import io.tender.api.PaymentRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A digest of a payment request's parameters: a reused idempotency key must come with the same ones. */
final class RequestFingerprint {

    private RequestFingerprint() {
    }

    static String of(PaymentRequest request) {
        String canonical = String.join("\u0000", String.valueOf(request.locationId()), String.valueOf(request.methodId()),
                request.amount() == null ? "" : request.amount().minorUnits() + request.amount().currency().getCurrencyCode(),
                String.valueOf(request.purpose()), String.valueOf(request.reference()), String.valueOf(request.description()),
                String.valueOf(request.customerEmail()), String.valueOf(request.returnUrl()));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
