package io.tender.core.internal.payments;

import io.tender.api.PaymentRequest;
import io.tender.api.TenderException;
import io.tender.core.internal.Fields;
import java.net.URI;
import java.net.URISyntaxException;

/** The rules a payment request must meet before anything is looked up or recorded. */
final class PaymentRequests {

    private PaymentRequests() {
    }

    static void validate(PaymentRequest request) {
        Fields.required("locationId", request.locationId(), 64);
        Fields.required("methodId", request.methodId(), 64);
        Fields.required("purpose", request.purpose(), 64);
        Fields.required("reference", request.reference(), 200);
        Fields.optional("description", request.description(), 500);
        Fields.email("customerEmail", request.customerEmail());
        Fields.optional("idempotencyKey", request.idempotencyKey(), 255);
        if (request.amount() != null && !request.amount().isPositive()) {
            throw TenderException.invalid("amount", "must be greater than zero");
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
}
