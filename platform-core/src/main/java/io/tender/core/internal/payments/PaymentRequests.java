package io.tender.core.internal.payments;

import io.tender.api.PaymentRequest;
import io.tender.api.TenderException;
import java.net.URI;
import java.net.URISyntaxException;

/** The rules a payment request must meet before anything is looked up or recorded. */
final class PaymentRequests {

    private PaymentRequests() {
    }

    static void validate(PaymentRequest request) {
        required("locationId", request.locationId(), 64);
        required("methodId", request.methodId(), 64);
        required("purpose", request.purpose(), 64);
        required("reference", request.reference(), 200);
        optional("description", request.description(), 500);
        optional("customerEmail", request.customerEmail(), 254);
        optional("idempotencyKey", request.idempotencyKey(), 255);
        if (request.amount() != null && !request.amount().isPositive()) {
            throw TenderException.invalid("amount", "must be greater than zero");
        }
        if (request.customerEmail() != null && !request.customerEmail().matches("[^@\\s]+@[^@\\s]+")) {
            throw TenderException.invalid("customerEmail", "is not an email address");
        }
        if (request.returnUrl() != null) {
            try {
                URI uri = new URI(request.returnUrl());
                if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
                    throw TenderException.invalid("returnUrl", "must be an absolute http or https URL");
                }
            } catch (URISyntaxException e) {
                throw TenderException.invalid("returnUrl", "is not a URL");
            }
        }
    }

    private static void required(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw TenderException.invalid(field, "is required");
        }
        optional(field, value, max);
    }

    private static void optional(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw TenderException.invalid(field, "must be at most " + max + " characters");
        }
    }
}
