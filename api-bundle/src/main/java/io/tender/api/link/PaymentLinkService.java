package io.tender.api.link;

import io.tender.api.TenderException;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Keeps payment links. Implemented by the platform. */
@ProviderType
public interface PaymentLinkService {

    /**
     * @param request what the link asks for; without an expiry, the location's default applies
     * @return the open link
     * @throws TenderException naming the field if the request is invalid (unknown location or booking,
     *                         no items, an amount above the total, ...)
     */
    default PaymentLink create(NewPaymentLink request) {
        return create(request, null);
    }

    /**
     * Creates a link as {@link #create(NewPaymentLink)} does; a repeated call with the same
     * idempotency key returns the link the first one created.
     *
     * @param idempotencyKey 1 to 255 characters, unique per location; may be null
     * @throws TenderException CONFLICT on {@code idempotencyKey} if the key was used for another link
     */
    PaymentLink create(NewPaymentLink request, String idempotencyKey);

    /** @return the link, with EXPIRED reported once its time ran out */
    Optional<PaymentLink> find(String token);

    /** @return the location's links, newest first */
    List<PaymentLink> links(String locationId);

    /**
     * Withdraws an open link.
     *
     * @return the link after it
     * @throws TenderException if there is no such link or it is no longer open
     */
    PaymentLink cancel(String token);

    /**
     * Marks an open link paid by a payment, atomically: of two payments of one link, one wins.
     *
     * @return the link if this payment paid it; empty if it was no longer open
     */
    Optional<PaymentLink> markPaid(String token, String paymentId);

    /** @return the location's link settings, the defaults where it has none */
    LinkSettings settings(String locationId);

    /**
     * Sets a location's link defaults and message templates.
     *
     * @return the stored settings
     * @throws TenderException naming the field if a template uses an unknown placeholder, lacks
     *                         {@code {link}} where it needs it, or the expiry is out of range
     */
    default LinkSettings configure(String locationId, LinkSettings settings) {
        return configure(locationId, settings, null);
    }

    /**
     * Sets a location's link settings if they are still at the version the caller read.
     *
     * @param expectedVersion the version read (0 for never saved), or null to save whatever is stored
     * @throws TenderException PRECONDITION_FAILED if they were saved since; nothing changes then
     */
    LinkSettings configure(String locationId, LinkSettings settings, Long expectedVersion);

    /**
     * @return the texts that carry the link, from its location's templates
     * @throws TenderException if there is no such link
     */
    LinkMessages messages(String token);
}
