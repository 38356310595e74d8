package io.tender.api.catalog;

import io.tender.api.Money;
import io.tender.api.TenderException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Cancels bookings under the location's cancellation policy. Implemented by the platform.
 */
@ProviderType
public interface BookingCancellations {

    /**
     * What a cancellation did.
     *
     * @param booking  the booking, now cancelled
     * @param refunded what this call refunded
     * @param rule     the rule applied, in a sentence for the client or admin
     */
    record Cancellation(Booking booking, Money refunded, String rule) {
    }

    /**
     * Cancels a booking and refunds what was paid for it (its prepayment, payments of links for the
     * visit): in full when the business cancels or the client cancels early enough, otherwise the
     * part the policy names, less what was refunded already. Open checkouts are closed. Calling it
     * again refunds nothing more, but retries a refund the provider could not make.
     *
     * @param locationId the location
     * @param bookingId  the booking
     * @param byClient   true if the client cancels (the policy applies), false if the business does
     * @return what was done
     * @throws TenderException if there is no such booking, or it can no longer be cancelled (a no-show);
     *                         or, with the booking cancelled, if the provider refused or could not be
     *                         reached for a refund
     */
    Cancellation cancel(String locationId, String bookingId, boolean byClient);
}
