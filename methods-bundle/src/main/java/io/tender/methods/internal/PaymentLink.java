package io.tender.methods.internal;

import io.tender.api.Payment;
import io.tender.api.method.Charge;
import io.tender.api.method.ChargeRequest;
import io.tender.api.method.MethodDescriptor;
import io.tender.api.method.PaymentMethod;
import io.tender.api.method.PaymentMethodService;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Payment via link: an admin sends the client a link to pay for a visit or goods. */
@Component
@PaymentMethodService(id = PaymentLink.ID)
public final class PaymentLink implements PaymentMethod {

    static final String ID = "payment-link";
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

    @Override
    public MethodDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Optional<Charge> charge(ChargeRequest request) {
        return RequestedAmount.charge(request, "Payment for " + request.purpose() + " " + request.reference());
    }

    @Override
    public void settled(Payment payment) {
        LOG.info("Link payment {} for {} {} settled as {}", payment.id(), payment.purpose(), payment.reference(),
                payment.status());
    }
}
