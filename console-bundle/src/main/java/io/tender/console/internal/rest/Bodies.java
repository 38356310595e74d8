package io.tender.console.internal.rest;

import io.swagger.v3.oas.annotations.media.Schema;
import io.tender.api.Money;
import io.tender.api.TenderException;
import java.time.DateTimeException;
import java.time.ZoneId;
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

    /** @return the {@code limit} query parameter, {@code fallback} when absent */
    static int limit(String limit, int fallback, int max) {
        int count;
        try {
            count = limit == null ? fallback : Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            count = 0;
        }
        if (count < 1 || count > max) {
            throw TenderException.invalid("limit", "must be a number from 1 to " + max);
        }
        return count;
    }

    /** @return the list, which may be null but holds no null */
    static <T> java.util.List<T> noNulls(String field, java.util.List<T> list) {
        if (list != null && list.contains(null)) {
            throw TenderException.invalid(field, "must not hold null");
        }
        return list;
    }

    /** @return the map, which may be null but holds no null value */
    static <K, V> Map<K, V> noNulls(String field, Map<K, V> map) {
        if (map != null && (map.containsKey(null) || map.containsValue(null))) {
            throw TenderException.invalid(field, "must not hold null");
        }
        return map;
    }

    /** @return the constant of the enum named by the value, null for none */
    static <E extends Enum<E>> E choice(String field, String value, Class<E> type) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw TenderException.invalid(field, "must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    /** @return the time zone with the id, or null (UTC) for none */
    static ZoneId zone(String id) {
        if (id == null) {
            return null;
        }
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw TenderException.invalid("timeZone", "is not a time zone id such as Europe/Berlin");
        }
    }

    public record NewLocation(@Schema(example = "downtown") String id, @Schema(example = "Downtown Salon") String name,
            @Schema(example = "Europe/Berlin") String timeZone) {
    }

    public record NewConnection(@Schema(example = "sandbox") String providerId, @Schema(example = "Sandbox") String name,
            @Schema(description = "as GET /providers/{id}/form describes them",
                    example = "{\"secretKey\":\"sk_sandbox_demo\",\"webhookSecret\":\"whsec_demo_secret\"}")
            Map<String, Object> settings) {
    }

    public record MethodSettingBody(@Schema(example = "true") Boolean enabled,
            @Schema(example = "con_x3v2k7q4n5m6p7r8s9t2u3w4") String connectionId,
            @Schema(description = "the method's own settings", example = "{\"services\":{\"cut\":{\"mode\":\"REQUIRED\","
                    + "\"amount\":\"PERCENT\",\"value\":30}},\"holdMinutes\":15}") Map<String, Object> options) {
    }

    public record NewPayment(@Schema(example = "downtown") String locationId, @Schema(example = "payment-link") String methodId,
            @Schema(description = "minor units; the method computes it where it can", example = "4500") Long amount,
            @Schema(example = "EUR") String currency, @Schema(example = "link") String purpose,
            @Schema(example = "lnk_4kdcxlk7mvgvtxbxt2ycnrvw") String reference, String description,
            @Schema(example = "client@example.com") String customerEmail, String returnUrl) {
    }

    public record NewRefund(@Schema(description = "minor units; none for the whole rest", example = "500") Long amount,
            @Schema(example = "EUR") String currency) {
    }
}
