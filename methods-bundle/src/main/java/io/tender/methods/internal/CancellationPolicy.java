package io.tender.methods.internal;

import io.tender.api.Money;
import io.tender.api.Payment;
import io.tender.api.PaymentService;
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
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The location's cancellation policy for paid bookings, from the prepayment rules: a client who
 * cancels at least N hours before the visit gets back in full what was paid for it (the prepayment
 * and payments of links for the visit), later the configured part. Each payment is refunded up to
 * what the policy leaves refunded in all, so a repeated cancellation refunds nothing more.
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
        // Open prepayment checkouts are closed; a payment that still gets through is refunded as late.
        for (Payment payment : payments.findFor(locationId, BookingPrepayment.PURPOSE, bookingId)) {
            if (payment.status().isOpen()) {
                closeCheckout(payment);
            }
        }
        // Every payment made for the visit: the prepayment and payments of links for it.
        Money refunded = Money.zero(catalog.paid(locationId, bookingId).currency());
        for (String paymentId : catalog.payments(locationId, bookingId)) {
            Payment payment = payments.find(paymentId).orElse(null);
            if (payment == null || !payment.status().isCaptured()) {
                continue;
            }
            // What the policy leaves refunded in all, less what is refunded already: a repeated call, or a
            // refund made by hand before, is never refunded twice.
            Money target = inFull ? payment.amount() : new Money(
                    PrepaymentPolicy.percentOf(payment.amount().minorUnits(), policy.lateRefundPercent()),
                    payment.amount().currency());
            Money due = target.minus(payment.refunded());
            if (due.isPositive()) {
                refunded = refunded.plus(refund(booking, payment, due));
            }
        }
        return new Cancellation(booking, refunded, rule);
    }

    private void closeCheckout(Payment payment) {
        try {
            payments.cancel(payment.id());
        } catch (TenderException e) {
            LOG.info("Checkout {} of a cancelled booking not closed ({}); a late payment will be refunded",
                    payment.id(), e.getMessage());
        }
    }

    /**
     * Refunds what is due of one payment. The key names the payment's refunded total, so two calls
     * at once from the same state refund once; a key whose refund failed before is not reused.
     *
     * @return what this call refunded
     * @throws TenderException if the provider refuses or cannot be reached: the booking stays
     *                         cancelled and calling again tries the refund again
     */
    private Money refund(Booking booking, Payment payment, Money due) {
        String key = "cancel-" + payment.id() + "-" + payment.refunded().minorUnits();
        try {
            try {
                payments.refund(payment.id(), due, key);
            } catch (TenderException e) {
                if (!"idempotencyKey".equals(e.field())) {
                    throw e;
                }
                // The refund tried from this state failed earlier (or asked for another amount): a new attempt.
                payments.refund(payment.id(), due, key + "-" + UUID.randomUUID());
            }
        } catch (TenderException e) {
            if (e.reason() == TenderException.Reason.INVALID && "amount".equals(e.field())) {
                // Part of it is being refunded already (an outcome still unknown): nothing more now.
                LOG.info("Payment {} of cancelled booking {} not refunded now: {}", payment.id(), booking.id(), e.getMessage());
                return Money.zero(due.currency());
            }
            LOG.warn("Payment {} of cancelled booking {} could not be refunded: {}", payment.id(), booking.id(),
                    e.getMessage());
            throw e;
        }
        LOG.info("Payment {} of cancelled booking {}: {} refunded", payment.id(), booking.id(), due);
        return due;
    }
}
