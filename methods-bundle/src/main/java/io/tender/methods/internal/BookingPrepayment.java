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

/** Prepayment in the online booking form: the client pays while booking. */
@Component
@PaymentMethodService(id = BookingPrepayment.ID)
public final class BookingPrepayment implements PaymentMethod {

    static final String ID = "booking-prepayment";
    private static final Logger LOG = LoggerFactory.getLogger(BookingPrepayment.class);

    private static final MethodDescriptor DESCRIPTOR = new MethodDescriptor(ID,
            "Prepayment in the online booking form",
            "Clients pay for chosen services or employees while they book online.",
            "Choose the services and employees that need prepayment, and whether the client pays the full price, "
                    + "a percentage or a fixed amount. The booking form asks for the payment as its last step; "
                    + "the booking is held until it is paid and confirmed as soon as the payment succeeds. "
                    + "An unpaid booking is released after the hold time, so its slot is free again.",
            List.of("A haircut costs 40.00 EUR and needs 25 % prepayment: the client pays 10.00 EUR when booking "
                            + "and 30.00 EUR at the visit.",
                    "A massage with a senior therapist requires full prepayment: the client pays 80.00 EUR online "
                            + "and the booking is confirmed at once.",
                    "A client who does not pay within 15 minutes loses the hold and the slot is offered to others."));

    @Override
    public MethodDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Optional<Charge> charge(ChargeRequest request) {
        return RequestedAmount.charge(request, "Prepayment for booking " + request.reference());
    }

    @Override
    public void settled(Payment payment) {
        LOG.info("Prepayment {} for booking {} settled as {}", payment.id(), payment.reference(), payment.status());
    }
}
