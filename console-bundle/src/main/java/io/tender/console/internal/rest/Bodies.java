package io.tender.console.internal.rest;

import io.tender.api.Money;
import io.tender.api.TenderException;
import java.util.Map;

/** The JSON shapes the API accepts. */
final class Bodies {

    private Bodies() {
    }

    static <T> T required(T body) {
        if (body == null) {
            throw TenderException.invalid("body", "a JSON body is required");
        }
        return body;
    }

    static Money money(Long amount, String currency, String amountField) {
        if (amount == null) {
            return null;
        }
        if (currency == null) {
            throw TenderException.invalid("currency", "is required with " + amountField);
        }
        try {
            return new Money(amount, Money.currency(currency));
        } catch (IllegalArgumentException e) {
            throw TenderException.invalid("currency", e.getMessage());
        }
    }

    public record NewLocation(String id, String name) {
    }

    public record NewConnection(String providerId, String name, Map<String, Object> settings) {
    }

    public record MethodSettingBody(Boolean enabled, String connectionId, Map<String, Object> options) {
    }

    public record NewPayment(String locationId, String methodId, Long amount, String currency, String purpose,
            String reference, String description, String customerEmail, String returnUrl) {
    }

    public record NewRefund(Long amount, String currency) {
    }
}
