package io.tender.methods.internal;

import io.tender.api.Payment;
import io.tender.api.PaymentService;
import io.tender.api.TenderException;
import io.tender.api.catalog.Booking;
import io.tender.api.catalog.BookingStatus;
import io.tender.api.catalog.CatalogService;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Releases bookings whose prepayment hold ran out, so their slots are free again, and closes their
 * open checkouts so that they can no longer be paid. A payment that still arrives is handled by
 * {@link BookingPrepayment#settled} as a late payment.
 */
// Immediate: nothing uses it as a service; it must run from the moment the bundle starts.
@Component(service = {}, immediate = true, configurationPid = HoldSweeper.PID)
@Designate(ocd = HoldSweeper.Config.class)
public final class HoldSweeper {

    static final String PID = "io.tender.methods.holds";
    private static final Logger LOG = LoggerFactory.getLogger(HoldSweeper.class);
    private static final int BATCH = 100;

    @ObjectClassDefinition(name = "Tender booking holds", description = "How often held bookings are checked for an expired hold.")
    public @interface Config {
        @AttributeDefinition(name = "Check every (seconds)", min = "1", max = "3600")
        int sweepSeconds() default 30;
    }

    private final CatalogService catalog;
    private final PaymentService payments;
    private final Clock clock;
    private final ScheduledExecutorService timer;

    @Activate
    public HoldSweeper(Config config, @Reference CatalogService catalog, @Reference PaymentService payments) {
        this(catalog, payments, Clock.systemUTC(), config.sweepSeconds());
    }

    HoldSweeper(CatalogService catalog, PaymentService payments, Clock clock, int sweepSeconds) {
        this.catalog = catalog;
        this.payments = payments;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "tender-booking-holds");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::sweep, sweepSeconds, sweepSeconds, TimeUnit.SECONDS);
    }

    /** Stops the timer: nothing of this bundle keeps running once the component is gone. */
    @Deactivate
    void stop() {
        timer.shutdownNow();
    }

    /** @return how many bookings were released */
    int sweep() {
        int released = 0;
        try {
            for (Booking booking : catalog.expiredHolds(clock.instant(), BATCH)) {
                if (release(booking)) {
                    released++;
                }
            }
        } catch (RuntimeException e) {
            // The store or the platform may be restarting; the next round tries again.
            LOG.warn("Releasing expired booking holds failed: {}", e.toString());
        }
        return released;
    }

    private boolean release(Booking booking) {
        if (catalog.moveBooking(booking.locationId(), booking.id(), BookingStatus.HELD, BookingStatus.RELEASED, null).isEmpty()) {
            return false; // paid or changed meanwhile
        }
        LOG.info("Booking {} at {} released: its prepayment hold ran out", booking.id(), booking.locationId());
        for (Payment payment : payments.findFor(booking.locationId(), BookingPrepayment.PURPOSE, booking.id())) {
            if (payment.status().isOpen()) {
                try {
                    payments.cancel(payment.id());
                } catch (TenderException e) {
                    LOG.info("Checkout of released booking {} not closed ({}); a late payment will be refunded",
                            booking.id(), e.getMessage());
                }
            }
        }
        return true;
    }
}
