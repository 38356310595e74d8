package io.tender.methods.internal;

import io.tender.api.Money;
import io.tender.api.Payment;
import io.tender.api.PaymentService;
import io.tender.api.PaymentStatus;
import io.tender.api.SettingsService;
import io.tender.api.TenderException;
import io.tender.api.catalog.Booking;
import io.tender.api.catalog.BookingCancellations;
import io.tender.api.catalog.BookingStatus;
import io.tender.api.catalog.CatalogService;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The location's cancellation policy for prepaid bookings, from the prepayment rules: a client
 * who cancels at least N hours before the visit gets a full refund, later the configured part.
 * Refund keys are derived from the payment, so a repeated cancellation refunds nothing more.
 */
@Component
public final class CancellationPolicy implements BookingCancellations {

    private static final Logger LOG = LoggerFactory.getLogger(CancellationPolicy.class);
    private static final Set<BookingStatus> CANCELLABLE = EnumSet.of(BookingStatus.BOOKED, BookingStatus.HELD,
            BookingStatus.CONFIRMED);

    private final CatalogService catalog;
    private final PaymentService payments;
    private final SettingsService settings;
    private final Clock clock;

    @Activate
    public CancellationPolicy(@Reference CatalogService catalog, @Reference PaymentService payments,
            @Reference SettingsService settings) {
        this(catalog, payments, settings, Clock.systemUTC());
    }

    CancellationPolicy(CatalogService catalog, PaymentService payments, SettingsService settings, Clock clock) {
        this.catalog = catalog;
        this.payments = payments;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public Cancellation cancel(String locationId, String bookingId, boolean byClient) {
        Booking booking = catalog.booking(locationId, bookingId).orElseThrow(() ->
                TenderException.notFound("bookingId", "no booking '" + bookingId + "' at this location"));
        if (booking.status() != BookingStatus.CANCELLED) {
            if (!CANCELLABLE.contains(booking.status())) {
                throw TenderException.conflict("bookingId", "booking '" + bookingId + "' is " + booking.status()
                        + " and cannot be cancelled");
            }
            booking = catalog.moveBooking(locationId, bookingId, booking.status(), BookingStatus.CANCELLED, null)
                    .orElseThrow(() -> TenderException.conflict("bookingId", "booking '" + bookingId
                            + "' changed meanwhile; try again"));
            LOG.info("Booking {} at {} cancelled by the {}", bookingId, locationId, byClient ? "client" : "business");
        }
        PrepaymentOptions.Cancellation policy = BookingPrepayment.rules(settings, locationId).cancellation();
        Duration notice = Duration.between(clock.instant(), booking.startsAt());
        boolean inFull = !byClient || notice.compareTo(Duration.ofHours(policy.fullRefundHours())) >= 0;
        String rule = !byClient ? "Cancelled by the business: the prepayment is refunded in full."
                : inFull ? "Cancelled at least " + policy.fullRefundHours() + " hours ahead: the prepayment is refunded in full."
                : policy.lateRefundPercent() == 0 ? "Cancelled less than " + policy.fullRefundHours()
                        + " hours ahead: the prepayment is not refunded."
                : "Cancelled less than " + policy.fullRefundHours() + " hours ahead: " + policy.lateRefundPercent()
                        + " % of the prepayment is refunded.";
        Money refunded = null;
        for (Payment payment : payments.findFor(locationId, BookingPrepayment.PURPOSE, bookingId)) {
            if (payment.status().isOpen()) {
                closeCheckout(payment);
                continue;
            }
            if (!payment.status().isCaptured() && payment.status() != PaymentStatus.REFUNDED) {
                continue;
            }
            Money due = inFull ? payment.amount() : new Money(
                    PrepaymentPolicy.percentOf(payment.amount().minorUnits(), policy.lateRefundPercent()),
                    payment.amount().currency());
            Money amount = refund(booking, payment, due);
            refunded = refunded == null ? amount : refunded.plus(amount);
        }
        return new Cancellation(booking, refunded == null ? Money.zero(catalog.paid(locationId, bookingId).currency()) : refunded, rule);
    }

    private void closeCheckout(Payment payment) {
        try {
            payments.cancel(payment.id());
        } catch (TenderException e) {
            LOG.info("Checkout {} of a cancelled booking not closed ({}); a late payment will be refunded",
                    payment.id(), e.getMessage());
        }
    }

    /** Refunds what is due of one prepayment, once: the key is the payment's. @return what this cancellation refunded */
    private Money refund(Booking booking, Payment payment, Money due) {
        if (!due.isPositive()) {
            return Money.zero(due.currency());
        }
        String key = "cancel-" + payment.id();
        try {
            payments.refund(payment.id(), due, key);
        } catch (TenderException e) {
            if (e.reason() == TenderException.Reason.CONFLICT || e.reason() == TenderException.Reason.INVALID) {
                // Refunded already (by an earlier call with another amount, or by hand): nothing more is due.
                LOG.info("Prepayment {} of cancelled booking {} not refunded again: {}", payment.id(), booking.id(),
                        e.getMessage());
                return Money.zero(due.currency());
            }
            throw e;
        }
        LOG.info("Prepayment {} of cancelled booking {}: {} refunded", payment.id(), booking.id(), due);
        return due;
    }
}
