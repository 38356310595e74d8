package io.tender.console.internal.pages;

import io.tender.api.Payment;
import io.tender.api.PaymentService;
import io.tender.api.SettingsService;
import io.tender.api.TenderException;
import io.tender.api.method.PaymentMethod;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /pay/result/{paymentId}}: where providers send the client back after checkout. While the
 * payment is still open it reads the provider's state first, so the client sees the outcome even
 * when the provider's webhook has not arrived yet.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletName("tender-payment-result")
@HttpWhiteboardServletPattern("/pay/result/*")
public final class PaymentResultPage extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(PaymentResultPage.class);

    private final transient PaymentService payments;
    private final transient SettingsService settings;
    private final transient List<PaymentMethod> methods;

    @Activate
    public PaymentResultPage(@Reference PaymentService payments, @Reference SettingsService settings,
            @Reference(cardinality = ReferenceCardinality.MULTIPLE, policyOption = ReferencePolicyOption.GREEDY)
            List<PaymentMethod> methods) {
        this.payments = payments;
        this.settings = settings;
        this.methods = List.copyOf(methods);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<Payment> found = Pages.pathId(request, "pay_[a-z2-7]{24}").flatMap(payments::find);
        if (found.isEmpty()) {
            send(response, 404, "Payment not found", "There is no payment at this address.");
            return;
        }
        Payment payment = found.get();
        // Only reads the provider's state; opening a checkout is never a side effect of a page view.
        if (payment.status().isOpen() && payment.providerReference() != null) {
            try {
                payment = payments.refresh(payment.id());
            } catch (TenderException e) {
                LOG.info("Result page could not refresh payment {}: {}", payment.id(), e.getMessage());
            }
        }
        String merchant = settings.location(payment.locationId()).map(l -> l.name()).orElse("");
        String amount = payment.amount().toString();
        boolean canceledByClient = request.getParameter("canceled") != null;
        switch (payment.status()) {
            case SUCCEEDED, PARTIALLY_REFUNDED, REFUNDED -> send(response, 200, "Payment received",
                    "Thank you: " + merchant + " received your payment of " + amount + "." + outcome(payment));
            case DECLINED -> send(response, 200, "Payment declined",
                    "Your payment of " + amount + " to " + merchant + " was declined. No money was taken.");
            case CANCELED -> send(response, 200, "Payment cancelled", "The payment was cancelled. No money was taken.");
            case EXPIRED -> send(response, 200, "Payment expired", "The time to pay has run out. No money was taken.");
            case FAILED -> send(response, 200, "Payment failed", "The payment could not be made. No money was taken.");
            default -> send(response, 200, canceledByClient ? "Payment not completed" : "Payment in progress",
                    canceledByClient ? "You left the payment page before paying. No money was taken."
                            : "Your payment of " + amount + " to " + merchant + " is being processed. "
                                    + "Reload this page in a moment.");
        }
    }

    /** What the payment bought, as its method tells it: a confirmed booking, a gift card's code. */
    private String outcome(Payment payment) {
        return methods.stream().filter(m -> m.descriptor().id().equals(payment.methodId())).findFirst()
                .flatMap(m -> m.outcome(payment)).map(sentence -> " " + sentence).orElse("");
    }

    private static void send(HttpServletResponse response, int status, String title, String text) throws IOException {
        Pages.send(response, status, title, "<p>" + Pages.text(text) + "</p>");
    }
}
