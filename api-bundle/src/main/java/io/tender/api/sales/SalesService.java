package io.tender.api.sales;

import io.tender.api.Money;
import io.tender.api.TenderException;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** What locations sell online, and the gift cards and memberships they issued. Implemented by the platform. */
@ProviderType
public interface SalesService {

    /** Creates or replaces a sale item. @throws TenderException naming the field if it is invalid */
    SaleItem saveItem(SaleItem item);

    /**
     * Saves a sale item over the version the caller read, so that two admins cannot silently
     * overwrite each other.
     *
     * @param expectedVersion the version read ({@link #itemVersion}), 0 for an item that must not exist yet, or null for any
     * @return the item as saved
     * @throws TenderException PRECONDITION_FAILED on {@code If-Match} if the item was saved meanwhile, and as {@link #saveItem(SaleItem)}
     */
    SaleItem saveItem(SaleItem item, Long expectedVersion);

    /** @return the stored version of a sale item, raised by each save, or empty if there is no such item */
    java.util.OptionalLong itemVersion(String locationId, String itemId);

    /** @return the location's sale items, ordered by id */
    List<SaleItem> items(String locationId);

    /** @return the item, if the location has it */
    Optional<SaleItem> item(String locationId, String itemId);

    /**
     * Issues the gift card a payment bought, on the item's terms; doing it again for the same
     * payment returns the same card.
     *
     * @param locationId  the location that sold it
     * @param itemId      the gift card item bought
     * @param amount      the value paid
     * @param paymentId   the payment
     * @param clientEmail the buyer's email, or null
     * @return the card
     */
    GiftCard issueGiftCard(String locationId, String itemId, Money amount, String paymentId, String clientEmail);

    /** @return the card with the code, if any */
    Optional<GiftCard> giftCard(String code);

    /** @return the card a payment bought, if it was issued */
    Optional<GiftCard> giftCardOf(String paymentId);

    /**
     * Takes an amount off a card, atomically: concurrent redemptions never take the balance below
     * zero, and a repeated idempotency key redeems once.
     *
     * @param code           the card
     * @param locationId     where it is redeemed: a location the card is valid at
     * @param serviceId      the service it pays for; required if the card is limited to services
     * @param amount         how much
     * @param idempotencyKey repeating the call with it redeems once; may be null
     * @return the card after it
     * @throws TenderException if the card is unknown, not valid there or for the service, expired,
     *                         used up, or the amount is above its balance
     */
    GiftCard redeem(String code, String locationId, String serviceId, Money amount, String idempotencyKey);

    /** @return the card's movements, oldest first */
    List<GiftCardMovement> movements(String code);

    /**
     * Issues the membership a payment bought, on the item's terms; doing it again for the same
     * payment returns the same membership.
     *
     * @param locationId  the location that sold it
     * @param itemId      the membership item bought
     * @param paymentId   the payment
     * @param clientEmail the buyer's email, or null
     * @return the membership
     */
    Membership issueMembership(String locationId, String itemId, String paymentId, String clientEmail);

    /** @return the membership with the code, if any */
    Optional<Membership> membership(String code);

    /** @return the membership a payment bought, if it was issued */
    Optional<Membership> membershipOf(String paymentId);

    /**
     * Uses one visit of a membership, atomically: concurrent visits never take an allowance below
     * zero, and a repeated idempotency key uses one visit. A membership valid from its first visit
     * starts its validity with it.
     *
     * @param code           the membership
     * @param locationId     where the visit is: a location the membership is valid at
     * @param serviceId      the service visited
     * @param idempotencyKey repeating the call with it uses one visit; may be null
     * @return the membership after it
     * @throws TenderException if the membership is unknown, not valid there or for the service,
     *                         expired, or has no visit left for the service
     */
    Membership useVisit(String code, String locationId, String serviceId, String idempotencyKey);

    /** @return the visits used of the membership, oldest first */
    List<MembershipVisit> visits(String code);
}
