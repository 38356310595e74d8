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
 *   "employees": { "anna": { "mode": "REQUIRED" } },
 *   "segments":  { "newClients": true, "noShowClients": true, "bookingsAbove": 10000 },
 *   "cancellation": { "fullRefundHours": 24, "lateRefundPercent": 50 } }
 * </pre>
 *
 * @param allowOptional whether clients may pay online where prepayment is optional
 * @param holdMinutes   how long an unpaid booking is held before it is released
 * @param latePayment   what happens to a prepayment that succeeds after the hold ran out
 * @param services      rules by service id
 * @param employees     rules by employee id
 * @param segments      if set, prepayment is taken only from these clients
 * @param cancellation  what a client who cancels gets back
 */
record PrepaymentOptions(Boolean allowOptional, Integer holdMinutes, LatePayment latePayment,
        Map<String, ServiceRule> services, Map<String, EmployeeRule> employees, Segments segments,
        Cancellation cancellation) {

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

    /**
     * The clients prepayment is asked from, when not from everyone: a client in any chosen segment
     * prepays, others book to pay at the visit.
     *
     * @param newClients    clients with no earlier booking at the location
     * @param noShowClients clients who missed an earlier booking
     * @param bookingsAbove bookings whose price is above this, in minor units of the service's currency
     */
    record Segments(Boolean newClients, Boolean noShowClients, Long bookingsAbove) {
        Segments {
            newClients = newClients != null && newClients;
            noShowClients = noShowClients != null && noShowClients;
        }

        boolean any() {
            return newClients || noShowClients || bookingsAbove != null;
        }
    }

    /**
     * The cancellation policy: a client who cancels at least {@code fullRefundHours} before the
     * visit gets the prepayment back in full, later {@code lateRefundPercent} of it (0 for nothing).
     * A cancellation by the business always refunds in full.
     */
    record Cancellation(Integer fullRefundHours, Integer lateRefundPercent) {
        static final int DEFAULT_HOURS = 24;

        Cancellation {
            fullRefundHours = fullRefundHours == null ? DEFAULT_HOURS : fullRefundHours;
            lateRefundPercent = lateRefundPercent == null ? 0 : lateRefundPercent;
        }
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
        segments = segments == null ? new Segments(false, false, null) : segments;
        cancellation = cancellation == null ? new Cancellation(null, null) : cancellation;
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
