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
     * @param refunded what was refunded of its prepayments
     * @param rule     the rule applied, in a sentence for the client or admin
     */
    record Cancellation(Booking booking, Money refunded, String rule) {
    }

    /**
     * Cancels a booking and refunds its prepayment: in full when the business cancels or the client
     * cancels early enough, otherwise the part the policy names. Open checkouts are closed. Calling
     * it again for a cancelled booking refunds nothing more.
     *
     * @param locationId the location
     * @param bookingId  the booking
     * @param byClient   true if the client cancels (the policy applies), false if the business does
     * @return what was done
     * @throws TenderException if there is no such booking, or it can no longer be cancelled (a no-show)
     */
    Cancellation cancel(String locationId, String bookingId, boolean byClient);
}
