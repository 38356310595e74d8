package io.tender.methods.internal;

import io.tender.api.Money;
import io.tender.api.catalog.ClientHistory;
import io.tender.api.catalog.Employee;
import io.tender.api.catalog.Service;
import io.tender.methods.internal.PrepaymentOptions.Amount;
import io.tender.methods.internal.PrepaymentOptions.EmployeeRule;
import io.tender.methods.internal.PrepaymentOptions.Mode;
import io.tender.methods.internal.PrepaymentOptions.ServiceRule;
import java.util.Optional;

/**
 * What a booking's client prepays. The service's rule wins over the employee's when both are set
 * (as in Altegio); an employee's required prepayment is the full price; the base of a price range
 * is its lowest price.
 */
final class PrepaymentPolicy {

    private PrepaymentPolicy() {
    }

    /**
     * What the client prepays.
     *
     * @param amount   the amount
     * @param required true if the booking needs it (and is held until it is paid); false if the
     *                 client may pay online but need not
     */
    record Prepayment(Money amount, boolean required) {
    }

    /**
     * @param history the client's earlier bookings, for rules limited to client segments
     * @return the prepayment, or empty if none is taken online for this booking
     */
    static Optional<Prepayment> prepayment(PrepaymentOptions options, Service service, Employee employee,
            ClientHistory history) {
        if (!inSegment(options.segments(), service, history)) {
            return Optional.empty();
        }
        ServiceRule serviceRule = options.services().get(service.id());
        EmployeeRule employeeRule = employee == null ? null : options.employees().get(employee.id());
        Mode mode = serviceRule != null ? serviceRule.mode() : employeeRule != null ? employeeRule.mode() : Mode.OFF;
        if (mode == Mode.OFF || mode == Mode.OPTIONAL && !options.allowOptional()) {
            return Optional.empty();
        }
        Money base = service.minPrice();
        Money amount = serviceRule == null ? base : switch (serviceRule.amount() == null ? Amount.FULL : serviceRule.amount()) {
            case FULL -> base;
            case PERCENT -> new Money(percentOf(base.minorUnits(), serviceRule.value()), base.currency());
            case FIXED -> new Money(serviceRule.value(), base.currency());
        };
        return amount.isPositive() ? Optional.of(new Prepayment(amount, mode == Mode.REQUIRED)) : Optional.empty();
    }

    /** @return true if prepayment is asked from everyone, or the client is in a chosen segment */
    static boolean inSegment(PrepaymentOptions.Segments segments, Service service, ClientHistory history) {
        return !segments.any()
                || segments.newClients() && history.isNew()
                || segments.noShowClients() && history.noShows() > 0
                || segments.bookingsAbove() != null && service.minPrice().minorUnits() > segments.bookingsAbove();
    }

    /** Percent of an amount in whole minor units, half rounded up: 30 % of 4,005 is 1,202. */
    static long percentOf(long minor, long percent) {
        return Math.addExact(Math.multiplyExact(minor, percent), 50) / 100;
    }
}
