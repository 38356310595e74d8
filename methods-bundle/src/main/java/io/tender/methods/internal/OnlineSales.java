package io.tender.methods.internal;

import io.tender.api.Money;
import io.tender.api.Payment;
import io.tender.api.PaymentStatus;
import io.tender.api.TenderException;
import io.tender.api.method.Charge;
import io.tender.api.method.ChargeRequest;
import io.tender.api.method.MethodDescriptor;
import io.tender.api.method.PaymentMethod;
import io.tender.api.method.PaymentMethodService;
import io.tender.api.sales.GiftCard;
import io.tender.api.sales.SaleItem;
import io.tender.api.sales.SalesService;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Online sale of gift cards: the buyer pays the card's face value, or an amount of their choice
 * within the item's range, and the card is issued once the payment succeeds.
 */
@Component
@PaymentMethodService(id = OnlineSales.ID)
public final class OnlineSales implements PaymentMethod {

    static final String ID = "online-sales";
    static final String PURPOSE = "sale";
    private static final Logger LOG = LoggerFactory.getLogger(OnlineSales.class);

    private static final MethodDescriptor DESCRIPTOR = new MethodDescriptor(ID,
            "Online sale of memberships and gift cards",
            "Sell memberships and gift cards in your online shop.",
            "Choose which memberships and gift cards are sold online, with their online price and description. "
                    + "Clients buy them in the location's online shop and pay on the provider's secure page. "
                    + "When the payment succeeds the gift card code or the membership is issued at once and "
                    + "sent to the client.",
            List.of("A 50.00 EUR gift card is bought online: the buyer receives its code by email and the "
                            + "recipient redeems it over two visits.",
                    "A membership of 10 visits for 300.00 EUR is sold online; each visit uses one of them."));

    private final SalesService sales;

    @Activate
    public OnlineSales(@Reference SalesService sales) {
        this.sales = sales;
    }

    @Override
    public MethodDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Optional<Charge> charge(ChargeRequest request) {
        if (!PURPOSE.equals(request.purpose())) {
            throw TenderException.invalid("purpose", "online sales are for sale items: use purpose 'sale' and the item's id");
        }
        SaleItem item = sales.item(request.locationId(), request.reference()).filter(SaleItem::active).orElseThrow(() ->
                TenderException.notFound("reference", "'" + request.reference() + "' is not on sale at this location"));
        Money amount;
        if (item.customAmount()) {
            amount = request.requestedAmount();
            if (amount == null || !amount.currency().equals(item.minAmount().currency())
                    || amount.compareTo(item.minAmount()) < 0 || amount.compareTo(item.maxAmount()) > 0) {
                throw TenderException.invalid("amount", "choose an amount from " + item.minAmount() + " to " + item.maxAmount());
            }
        } else {
            amount = item.minAmount();
            if (request.requestedAmount() != null && !request.requestedAmount().equals(amount)) {
                throw TenderException.invalid("amount", item.name() + " costs " + amount + "; the price is the item's");
            }
        }
        return Optional.of(new Charge(amount, item.name()));
    }

    @Override
    public Optional<String> outcome(Payment payment) {
        return Optional.of(sales.giftCardOf(payment.id())
                .map(card -> "Your gift card code is " + card.code() + " (" + card.initial() + ").")
                .orElse("Your gift card is being issued; reload this page in a moment."));
    }

    @Override
    public void settled(Payment payment) {
        if (payment.status() != PaymentStatus.SUCCEEDED) {
            return;
        }
        // Issuing is idempotent per payment: a repeated call returns the card issued the first time.
        GiftCard card = sales.issue(payment.locationId(), payment.reference(), payment.amount(), payment.id());
        LOG.info("Gift card issued for payment {} ({} of item {})", payment.id(), card.initial(), card.itemId());
    }
}
