package io.tender.methods.internal;

import io.tender.api.TenderException;
import io.tender.api.method.Charge;
import io.tender.api.method.ChargeRequest;
import java.util.Optional;

/**
 * The charge for a request that names its amount. Each method's own pricing rules (prepayment
 * percentages, deposits, catalogue prices) replace this as they are built; until then the caller
 * states the amount and the method only checks that one is given.
 */
final class RequestedAmount {

    private RequestedAmount() {
    }

    static Optional<Charge> charge(ChargeRequest request, String defaultDescription) {
        if (request.requestedAmount() == null) {
            throw TenderException.invalid("amount", "is required");
        }
        String description = request.description() == null || request.description().isBlank()
                ? defaultDescription : request.description();
        return Optional.of(new Charge(request.requestedAmount(), description));
    }
}
