package io.tender.methods.internal;

import io.tender.api.Money;
import io.tender.api.Payment;
import io.tender.api.PaymentService;
import io.tender.api.PaymentStatus;
import io.tender.api.SettingsService;
import io.tender.api.TenderException;
import io.tender.api.catalog.Booking;
import io.tender.api.catalog.BookingStatus;
import io.tender.api.catalog.CatalogService;
import io.tender.api.catalog.ClientHistory;
import io.tender.api.catalog.Employee;
import io.tender.api.catalog.Service;
import io.tender.api.method.Charge;
import io.tender.api.method.ChargeRequest;
import io.tender.api.method.MethodDescriptor;
import io.tender.api.method.PaymentMethod;
import io.tender.api.method.PaymentMethodService;
import io.tender.methods.internal.PrepaymentOptions.Amount;
import io.tender.methods.internal.PrepaymentOptions.ServiceRule;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepayment in the online booking form: the client pays while booking, for the services and
 * employees the location's rules name. The amount comes from the catalogue and the rules only; a
 * booking that needs prepayment is held until it is paid, and confirmed when it is.
 */
@Component
@PaymentMethodService(id = BookingPrepayment.ID)
public final class BookingPrepayment implements PaymentMethod {

    static final String ID = "booking-prepayment";
    static final String PURPOSE = "booking";
    private static final Logger LOG = LoggerFactory.getLogger(BookingPrepayment.class);

    private static final MethodDescriptor DESCRIPTOR = new MethodDescriptor(ID,
            "Prepayment in the online booking form",
            "Clients pay for chosen services or employees while they book online.",
            "Choose the services and employees that need prepayment, and whether the client pays the full price, "
                    + "a percentage or a fixed amount. The booking form asks for the payment as its last step; "
                    + "the booking is held until it is paid and confirmed as soon as the payment succeeds. "
                    + "An unpaid booking is released after the hold time, so its slot is free again.",
            List.of("A haircut costs 40.00 EUR and needs 25 % prepayment: the client pays 10.00 EUR when booking "
                            + "and 30.00 EUR at the visit.",
                    "A massage with a senior therapist requires full prepayment: the client pays 80.00 EUR online "
                            + "and the booking is confirmed at once.",
                    "A client who does not pay within 15 minutes loses the hold and the slot is offered to others."));

    private final CatalogService catalog;
    private final PaymentService payments;
    private final SettingsService settings;
    private final Clock clock;

    @Activate
    public BookingPrepayment(@Reference CatalogService catalog, @Reference PaymentService payments,
            @Reference SettingsService settings) {
        this(catalog, payments, settings, Clock.systemUTC());
    }

    BookingPrepayment(CatalogService catalog, PaymentService payments, SettingsService settings, Clock clock) {
        this.catalog = catalog;
        this.payments = payments;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public MethodDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void checkOptions(String locationId, Map<String, Object> options) {
        PrepaymentOptions rules = PrepaymentOptions.of(options);
        if (rules.holdMinutes() < 1 || rules.holdMinutes() > 1440) {
            throw TenderException.invalid("options.holdMinutes", "must be 1 to 1440 minutes");
        }
        rules.services().forEach((serviceId, rule) -> {
            String field = "options.services." + serviceId;
            Service service = catalog.service(locationId, serviceId)
                    .orElseThrow(() -> TenderException.invalid(field, "no service '" + serviceId + "' at this location"));
            check(field, rule, service);
        });
        if (rules.segments().bookingsAbove() != null && rules.segments().bookingsAbove() < 0) {
            throw TenderException.invalid("options.segments.bookingsAbove", "must be 0 or more (minor units)");
        }
        if (rules.cancellation().fullRefundHours() < 0 || rules.cancellation().fullRefundHours() > 8760) {
            throw TenderException.invalid("options.cancellation.fullRefundHours", "must be 0 to 8760 hours");
        }
        if (rules.cancellation().lateRefundPercent() < 0 || rules.cancellation().lateRefundPercent() > 100) {
            throw TenderException.invalid("options.cancellation.lateRefundPercent", "must be a percentage from 0 to 100");
        }
        rules.employees().forEach((employeeId, rule) -> {
            if (catalog.employee(locationId, employeeId).isEmpty()) {
                throw TenderException.invalid("options.employees." + employeeId, "no employee '" + employeeId + "' at this location");
            }
            if (rule.mode() == null) {
                throw TenderException.invalid("options.employees." + employeeId + ".mode", "is required");
            }
        });
    }

    private static void check(String field, ServiceRule rule, Service service) {
        if (rule.mode() == null) {
            throw TenderException.invalid(field + ".mode", "is required");
        }
        Amount amount = rule.amount() == null ? Amount.FULL : rule.amount();
        if (amount == Amount.FULL && rule.value() != null) {
            throw TenderException.invalid(field + ".value", "is not used with the full price");
        }
        if (amount == Amount.PERCENT && (rule.value() == null || rule.value() < 0 || rule.value() > 100)) {
            throw TenderException.invalid(field + ".value", "must be a percentage from 0 to 100");
        }
        if (amount == Amount.FIXED && (rule.value() == null || rule.value() <= 0
                || rule.value() > service.minPrice().minorUnits())) {
            throw TenderException.invalid(field + ".value", "must be more than 0 and at most the price, "
                    + service.minPrice());
        }
    }

    @Override
    public Optional<Charge> charge(ChargeRequest request) {
        if (!PURPOSE.equals(request.purpose())) {
            throw TenderException.invalid("purpose", "prepayment is taken for bookings: use purpose 'booking'");
        }
        Booking booking = catalog.booking(request.locationId(), request.reference()).orElseThrow(() ->
                TenderException.notFound("reference", "no booking '" + request.reference() + "' at this location"));
        if (booking.status() != BookingStatus.BOOKED && booking.status() != BookingStatus.HELD) {
            throw TenderException.invalid("reference", "booking '" + booking.id() + "' is " + booking.status()
                    + "; nothing is to be prepaid");
        }
        Service service = catalog.service(booking.locationId(), booking.serviceId()).orElseThrow();
        Employee employee = booking.employeeId() == null ? null
                : catalog.employee(booking.locationId(), booking.employeeId()).orElse(null);
        PrepaymentOptions rules = PrepaymentOptions.of(request.options());
        ClientHistory history = rules.segments().any()
                ? catalog.history(booking.locationId(), booking.clientEmail(), booking.clientPhone(), booking.startsAt())
                : new ClientHistory(0, 0);
        Optional<PrepaymentPolicy.Prepayment> prepayment = PrepaymentPolicy.prepayment(rules, service, employee, history);
        if (prepayment.isEmpty()) {
            return Optional.empty();
        }
        Money amount = prepayment.get().amount();
        if (request.requestedAmount() != null && !request.requestedAmount().equals(amount)) {
            throw TenderException.invalid("amount", "the prepayment for this booking is " + amount
                    + "; the amount is computed, not chosen");
        }
        // Only a required prepayment holds the booking; an optional one leaves it booked either way.
        if (prepayment.get().required() && booking.status() == BookingStatus.BOOKED) {
            catalog.moveBooking(booking.locationId(), booking.id(), BookingStatus.BOOKED, BookingStatus.HELD,
                    clock.instant().plus(Duration.ofMinutes(rules.holdMinutes())));
        }
        return Optional.of(new Charge(amount, "Prepayment: " + service.name()));
    }

    @Override
    public void settled(Payment payment) {
        if (payment.status() != PaymentStatus.SUCCEEDED) {
            LOG.info("Prepayment {} for booking {} ended {}; the booking stays held until its hold runs out",
                    payment.id(), payment.reference(), payment.status());
            return;
        }
        if (catalog.confirm(payment.locationId(), payment.reference(), payment.id(), payment.amount()).isPresent()) {
            LOG.debug("Booking {} confirmed by prepayment {}", payment.reference(), payment.id());
            return;
        }
        Booking booking = catalog.booking(payment.locationId(), payment.reference()).orElseThrow();
        if (booking.status() != BookingStatus.CONFIRMED) {
            latePayment(payment);
        } else if (!payment.id().equals(booking.paymentId())) {
            // Confirmed by another prepayment first (two tabs, two checkouts): this one is refunded.
            refund(payment, "duplicate-prepayment-", "a second prepayment of an already confirmed booking");
        }
    }

    @Override
    public Optional<String> outcome(Payment payment) {
        return catalog.booking(payment.locationId(), payment.reference()).map(b -> switch (b.status()) {
            case CONFIRMED -> payment.id().equals(b.paymentId()) ? "Your booking is confirmed."
                    : "Your booking was already paid; this payment is refunded.";
            case HELD, BOOKED -> "Your booking is being confirmed.";
            default -> "Your booking is " + b.status().name().toLowerCase() + "; please contact us.";
        });
    }

    /** @return the location's prepayment rules, the defaults if it has none */
    static PrepaymentOptions rules(SettingsService settings, String locationId) {
        return PrepaymentOptions.of(settings.methodSettings(locationId).stream()
                .filter(s -> s.methodId().equals(ID)).findFirst().map(s -> s.options()).orElse(Map.of()));
    }

    /** Refunds the whole payment once: the key makes a repeated call a replay. */
    private void refund(Payment payment, String keyPrefix, String why) {
        try {
            payments.refund(payment.id(), null, keyPrefix + payment.id());
            LOG.info("Prepayment {} for booking {} refunded: {}", payment.id(), payment.reference(), why);
        } catch (TenderException e) {
            LOG.error("Prepayment {} for booking {} ({}) could not be refunded: {}; an admin must refund it",
                    payment.id(), payment.reference(), why, e.getMessage());
        }
    }

    /** Paid after the hold ran out or the booking was cancelled: refunded or kept, per the location's rule. */
    private void latePayment(Payment payment) {
        if (rules(settings, payment.locationId()).latePayment() == PrepaymentOptions.LatePayment.KEEP) {
            LOG.warn("Late prepayment {} for booking {} kept, as the location's rule says; the booking is not confirmed",
                    payment.id(), payment.reference());
            return;
        }
        refund(payment, "late-prepayment-", "paid after its hold ran out");
    }
}
