package io.tender.methods.internal;

import io.tender.api.Payment;
import io.tender.api.PaymentService;
import io.tender.api.PaymentStatus;
import io.tender.api.TenderException;
import io.tender.api.link.PaymentLinkService;
import io.tender.api.method.Charge;
import io.tender.api.method.ChargeRequest;
import io.tender.api.method.MethodDescriptor;
import io.tender.api.method.PaymentMethod;
import io.tender.api.method.PaymentMethodService;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Payment via link: an admin sends the client a link to pay for a visit or goods. The amount is the
 * link's; a paid, expired or cancelled link cannot be paid, and a second payment that still gets
 * through (two tabs, one click each) is refunded.
 */
@Component
@PaymentMethodService(id = PaymentLink.ID)
public final class PaymentLink implements PaymentMethod {

    static final String ID = "payment-link";
    static final String PURPOSE = "link";
    private static final Logger LOG = LoggerFactory.getLogger(PaymentLink.class);

    private static final MethodDescriptor DESCRIPTOR = new MethodDescriptor(ID,
            "Payment via link",
            "Send a client a link to pay for a visit or goods by SMS, email or messenger.",
            "Create a link for a visit or for goods, for the full amount, a deposit or any amount you choose. "
                    + "Send it by SMS, email or a messenger, or show its QR code. The client opens it, sees what "
                    + "they pay for and pays on the provider's secure page. A paid link cannot be paid twice; "
                    + "an unpaid link expires after 72 hours unless you set another time.",
            List.of("A client booked by phone: send a link for the 30.00 EUR deposit and the visit shows as "
                            + "deposit paid once they pay.",
                    "A client forgot to pay for shampoo bought at the visit: send a link for 2 x 12.50 EUR "
                            + "and it is marked paid when they pay at home."));

    private final PaymentLinkService links;
    private final PaymentService payments;
    private final Clock clock;

    @Activate
    public PaymentLink(@Reference PaymentLinkService links, @Reference PaymentService payments) {
        this.links = links;
        this.payments = payments;
        this.clock = Clock.systemUTC();
    }

    @Override
    public MethodDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Optional<Charge> charge(ChargeRequest request) {
        if (!PURPOSE.equals(request.purpose())) {
            throw TenderException.invalid("purpose", "link payments are made through a link: use purpose 'link'"
                    + " and the link's token as reference");
        }
        io.tender.api.link.PaymentLink link = links.find(request.reference())
                .filter(l -> l.locationId().equals(request.locationId()))
                .orElseThrow(() -> TenderException.notFound("reference", "no payment link '" + request.reference()
                        + "' at this location"));
        if (!link.payableAt(clock.instant())) {
            throw TenderException.invalid("reference", "this link is " + link.status().name().toLowerCase()
                    + " and cannot be paid");
        }
        if (request.requestedAmount() != null && !request.requestedAmount().equals(link.amount())) {
            throw TenderException.invalid("amount", "the link asks for " + link.amount() + "; the amount is the link's");
        }
        String what = link.items().stream().map(i -> i.quantity() > 1 ? i.quantity() + " x " + i.name() : i.name())
                .collect(Collectors.joining(", "));
        return Optional.of(new Charge(link.amount(), what.length() > 480 ? what.substring(0, 479) + "…" : what));
    }

    @Override
    public void settled(Payment payment) {
        if (payment.status() != PaymentStatus.SUCCEEDED) {
            return; // the link stays open for another try
        }
        // Marking a visit's link paid records the payment on the booking, in the same transaction.
        if (links.markPaid(payment.reference(), payment.id()).isPresent()) {
            LOG.debug("Link {} paid by {}", payment.reference(), payment.id());
            return;
        }
        boolean paidByThis = links.find(payment.reference()).map(l -> payment.id().equals(l.paymentId())).orElse(false);
        if (!paidByThis) {
            try {
                // Paid twice (two checkouts of one link): the link keeps the first, this one is refunded once.
                payments.refund(payment.id(), null, "duplicate-link-payment-" + payment.id());
                LOG.warn("Link {} was already paid; payment {} refunded", payment.reference(), payment.id());
            } catch (TenderException e) {
                LOG.error("Link {} was already paid; payment {} could not be refunded: {}", payment.reference(),
                        payment.id(), e.getMessage());
            }
        }
    }
}
