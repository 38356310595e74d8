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

/** Online sale of memberships and gift cards. */
@Component
@PaymentMethodService(id = OnlineSales.ID)
public final class OnlineSales implements PaymentMethod {

    static final String ID = "online-sales";
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

    @Override
    public MethodDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Optional<Charge> charge(ChargeRequest request) {
        return RequestedAmount.charge(request, "Purchase of " + request.purpose() + " " + request.reference());
    }

    @Override
    public void settled(Payment payment) {
        LOG.info("Online sale {} of {} {} settled as {}", payment.id(), payment.purpose(), payment.reference(),
                payment.status());
    }
}
