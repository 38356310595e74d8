package io.tender.api.sales;

import io.tender.api.Money;
import io.tender.api.TenderException;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** What locations sell online, and the gift cards they issued. Implemented by the platform. */
@ProviderType
public interface SalesService {

    /** Creates or replaces a sale item. @throws TenderException naming the field if it is invalid */
    SaleItem saveItem(SaleItem item);

    /** @return the location's sale items, ordered by id */
    List<SaleItem> items(String locationId);

    /** @return the item, if the location has it */
    Optional<SaleItem> item(String locationId, String itemId);

    /**
     * Issues the gift card a payment bought; doing it again for the same payment returns the same card.
     *
     * @param locationId the location that sold it
     * @param itemId     the item bought
     * @param amount     the value paid
     * @param paymentId  the payment
     * @return the card
     */
    GiftCard issue(String locationId, String itemId, Money amount, String paymentId);

    /** @return the card with the code, if any */
    Optional<GiftCard> giftCard(String code);

    /** @return the card a payment bought, if it was issued */
    Optional<GiftCard> giftCardOf(String paymentId);

    /**
     * Takes an amount off a card, atomically: concurrent redemptions never take the balance below
     * zero, and a repeated idempotency key redeems once.
     *
     * @param code           the card
     * @param locationId     where it is redeemed; only at the location that sold it
     * @param amount         how much
     * @param idempotencyKey repeating the call with it redeems once; may be null
     * @return the card after it
     * @throws TenderException if the card is unknown, of another location, expired, used up, or the
     *                         amount is above its balance
     */
    GiftCard redeem(String code, String locationId, Money amount, String idempotencyKey);

    /** @return the card's movements, oldest first */
    List<GiftCardMovement> movements(String code);
}
