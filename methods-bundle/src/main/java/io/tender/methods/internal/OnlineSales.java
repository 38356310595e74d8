package io.tender.methods.internal;

import io.tender.api.Money;
import io.tender.api.Payment;
import io.tender.api.PaymentService;
import io.tender.api.PaymentStatus;
import io.tender.api.TenderException;
import io.tender.api.method.Charge;
import io.tender.api.method.ChargeRequest;
import io.tender.api.method.MethodDescriptor;
import io.tender.api.method.PaymentMethod;
import io.tender.api.method.PaymentMethodService;
import io.tender.api.sales.SaleItem;
import io.tender.api.sales.SaleItemKind;
import io.tender.api.sales.SalesService;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Online sale of gift cards and memberships: the buyer pays the item's price, or for a gift card
 * an amount of their choice within the item's range; the card or membership is issued once the
 * payment succeeds, and its code emailed to the buyer.
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
                    + "emailed to the client. Gift cards are redeemed in parts or at once, at the locations and for "
                    + "the services you choose; memberships hold a number of visits, pooled or per service.",
            List.of("A 50.00 EUR gift card is bought online: the buyer receives its code by email and the "
                            + "recipient redeems it over two visits, 30.00 EUR and then 20.00 EUR.",
                    "A membership of 10 visits for 300.00 EUR, valid 180 days from the first visit, is sold online; "
                            + "each visit uses one of them, at any of the salon's locations.",
                    "A 'spa day' membership holds 2 massages and 1 facial: each service has its own count."));

    private final SalesService sales;
    private final PaymentService payments;
    private final SaleNotices notices;
    private final Clock clock = Clock.systemUTC();

    @Activate
    public OnlineSales(@Reference SalesService sales, @Reference PaymentService payments, @Reference SaleNotices notices) {
        this.sales = sales;
        this.payments = payments;
        this.notices = notices;
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
        if (item.giftCard() != null && item.giftCard().validUntil() != null
                && item.giftCard().validUntil().isBefore(LocalDate.now(clock))) {
            throw TenderException.invalid("reference", item.name() + " was valid until " + item.giftCard().validUntil()
                    + " and is no longer sold");
        }
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

    /** @return true if the amount buys the item as it is now: its price, or for a gift card an amount in its range */
    private static boolean paidFor(SaleItem item, Money amount) {
        return amount.currency().equals(item.minAmount().currency()) && amount.compareTo(item.minAmount()) >= 0
                && amount.compareTo(item.maxAmount()) <= 0;
    }

    @Override
    public Optional<String> outcome(Payment payment) {
        Optional<String> card = sales.giftCardOf(payment.id())
                .map(c -> "Your gift card code is " + c.code() + " (" + c.initial() + ").");
        Optional<String> membership = sales.membershipOf(payment.id())
                .map(m -> "Your membership code is " + m.code() + ".");
        return Optional.of(card.or(() -> membership).orElse(payment.status() == PaymentStatus.SUCCEEDED
                ? "Your purchase is being issued; reload this page in a moment."
                : "Your purchase is issued as soon as the payment succeeds."));
    }

    @Override
    public void settled(Payment payment) {
        if (payment.status() != PaymentStatus.SUCCEEDED) {
            return;
        }
        SaleItem item = sales.item(payment.locationId(), payment.reference()).orElse(null);
        if (item == null) {
            LOG.error("Payment {} bought item {}, which no longer exists; nothing was issued, an admin must refund it",
                    payment.id(), payment.reference());
            return;
        }
        if (!paidFor(item, payment.amount())) {
            // The item was changed while its checkout was open: what was paid no longer buys it.
            LOG.error("Payment {} of {} no longer matches item {} ({} {} to {}); nothing issued, the payment is refunded",
                    payment.id(), payment.amount(), item.id(), item.kind(), item.minAmount(), item.maxAmount());
            try {
                payments.refund(payment.id(), null, "item-changed-" + payment.id());
            } catch (TenderException e) {
                LOG.error("Payment {} could not be refunded: {}; an admin must refund it", payment.id(), e.getMessage());
            }
            return;
        }
        // Issuing is idempotent per payment: a repeated call returns what the first one issued,
        // and the notice is queued once per code. The lines are debug, like every line per payment:
        // the store records what was issued, and a line per payment waits on the logger's lock
        // (docs/PERFORMANCE.md).
        if (item.kind() == SaleItemKind.MEMBERSHIP) {
            var membership = sales.issueMembership(payment.locationId(), item.id(), payment.id(), payment.customerEmail());
            LOG.debug("Membership issued for payment {} (item {})", payment.id(), item.id());
            notices.membershipIssued(item, membership);
        } else {
            var card = sales.issueGiftCard(payment.locationId(), item.id(), payment.amount(), payment.id(),
                    payment.customerEmail());
            LOG.debug("Gift card issued for payment {} ({} of item {})", payment.id(), card.initial(), card.itemId());
            notices.giftCardIssued(item, card);
        }
    }
}
