package io.tender.methods.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tender.api.TenderException;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A location's prepayment rules, as an admin sets them: per service and per employee whether
 * prepayment is required, optional or off, and how much a service's prepayment is.
 *
 * <pre>
 * { "allowOptional": true, "holdMinutes": 15,
 *   "services":  { "cut": { "mode": "REQUIRED", "amount": "PERCENT", "value": 30 } },
 *   "employees": { "anna": { "mode": "REQUIRED" } } }
 * </pre>
 *
 * @param allowOptional whether clients may pay online where prepayment is optional
 * @param holdMinutes   how long an unpaid booking is held before it is released
 * @param latePayment   what happens to a prepayment that succeeds after the hold ran out
 * @param services      rules by service id
 * @param employees     rules by employee id
 */
record PrepaymentOptions(Boolean allowOptional, Integer holdMinutes, LatePayment latePayment,
        Map<String, ServiceRule> services, Map<String, EmployeeRule> employees) {

    static final int DEFAULT_HOLD_MINUTES = 15;

    /** A prepayment that arrives after its booking was released: refunded (default) or kept. */
    enum LatePayment { REFUND, KEEP }

    /** Whether a booking needs prepayment. */
    enum Mode { REQUIRED, OPTIONAL, OFF }

    /** How a service's prepayment is computed from its price (the lowest price of a range). */
    enum Amount { FULL, PERCENT, FIXED }

    /**
     * @param mode   required, optional or off
     * @param amount full price, a percentage, or a fixed amount
     * @param value  the percentage (0 to 100) or the fixed amount in minor units; none for FULL
     */
    record ServiceRule(Mode mode, Amount amount, Long value) {
    }

    /** @param mode required, optional or off; an employee's required prepayment is the full price */
    record EmployeeRule(Mode mode) {
    }

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    PrepaymentOptions {
        allowOptional = allowOptional != null && allowOptional;
        holdMinutes = holdMinutes == null ? DEFAULT_HOLD_MINUTES : holdMinutes;
        latePayment = latePayment == null ? LatePayment.REFUND : latePayment;
        services = services == null ? Map.of() : Map.copyOf(services);
        employees = employees == null ? Map.of() : Map.copyOf(employees);
    }

    /**
     * @param options the stored, JSON-shaped options
     * @return them typed
     * @throws TenderException naming {@code options.<path>} if they do not fit the shape above
     */
    static PrepaymentOptions of(Map<String, Object> options) {
        try {
            return MAPPER.convertValue(options, PrepaymentOptions.class);
        } catch (IllegalArgumentException e) {
            String path = e.getCause() instanceof JsonMappingException mapping ? mapping.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : String.valueOf(r.getIndex()))
                    .collect(Collectors.joining(".")) : "";
            throw TenderException.invalid(path.isEmpty() ? "options" : "options." + path,
                    "is not a valid prepayment setting (modes: REQUIRED, OPTIONAL, OFF; amounts: FULL, PERCENT, FIXED)");
        }
    }
}
