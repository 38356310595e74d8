package io.tender.api.link;

import io.tender.api.Money;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * A link a client pays through.
 *
 * @param token      the unguessable part of its address
 * @param url        its address, to send to the client
 * @param locationId the location that is paid
 * @param purpose    {@code visit} or {@code goods}
 * @param reference  the visit's booking id, or the host system's id of the sale
 * @param items      what is paid for
 * @param amount     what the client pays: all of it, a deposit, or a custom amount
 * @param status     where it stands
 * @param expiresAt  when it stops accepting payment
 * @param paymentId  the payment that paid it, once paid
 * @param createdAt  when it was created
 */
public record PaymentLink(
        String token,
        URI url,
        String locationId,
        String purpose,
        String reference,
        List<LinkItem> items,
        Money amount,
        LinkStatus status,
        Instant expiresAt,
        String paymentId,
        Instant createdAt) {

    public PaymentLink {
        items = List.copyOf(items);
    }

    /** @return true if a client can pay it at {@code now} */
    public boolean payableAt(Instant now) {
        return status == LinkStatus.OPEN && now.isBefore(expiresAt);
    }
}
