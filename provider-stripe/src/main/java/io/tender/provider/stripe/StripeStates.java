package io.tender.provider.stripe;

import com.stripe.model.Charge;
import com.stripe.model.PaymentIntent;
import com.stripe.model.checkout.Session;
import io.tender.api.Money;
import io.tender.api.provider.PaymentSnapshot;
import io.tender.api.provider.ProviderStatus;
import java.util.Locale;

/**
 * Stripe's statuses on Tender's model. A checkout session that is still open stays PENDING even
 * after a failed card attempt, because the client may try again on the same session; only a
 * completed session whose payment finally failed is DECLINED.
 */
final class StripeStates {

    private StripeStates() {
    }

    /** Metadata Tender sets on a session just before it expires it on request. */
    static final String CANCELED_KEY = "tender_canceled";

    static PaymentSnapshot snapshot(Session session) {
        PaymentIntent intent = session.getPaymentIntentObject();
        ProviderStatus status = status(session.getStatus(), session.getPaymentStatus(), intent == null ? null : intent.getStatus());
        if (status == ProviderStatus.EXPIRED && session.getMetadata() != null
                && "true".equals(session.getMetadata().get(CANCELED_KEY))) {
            status = ProviderStatus.CANCELED;
        }
        Money captured = status == ProviderStatus.SUCCEEDED && session.getAmountTotal() != null
                ? money(session.getAmountTotal(), session.getCurrency()) : null;
        Charge charge = intent == null ? null : intent.getLatestChargeObject();
        Money refunded = charge != null && charge.getAmountRefunded() != null && charge.getAmountRefunded() > 0
                ? money(charge.getAmountRefunded(), charge.getCurrency()) : null;
        return new PaymentSnapshot(session.getId(), status, captured, refunded);
    }

    static ProviderStatus status(String sessionStatus, String paymentStatus, String intentStatus) {
        if ("expired".equals(sessionStatus)) {
            return ProviderStatus.EXPIRED;
        }
        if ("open".equals(sessionStatus)) {
            return "requires_action".equals(intentStatus) ? ProviderStatus.REQUIRES_ACTION : ProviderStatus.PENDING;
        }
        if ("paid".equals(paymentStatus) || "no_payment_required".equals(paymentStatus)) {
            return ProviderStatus.SUCCEEDED;
        }
        // complete but unpaid: a delayed payment method still settling, or finally failed
        return "requires_payment_method".equals(intentStatus) || "canceled".equals(intentStatus)
                ? ProviderStatus.DECLINED : ProviderStatus.PENDING;
    }

    static ProviderStatus refundStatus(String status) {
        return switch (String.valueOf(status)) {
            case "succeeded" -> ProviderStatus.SUCCEEDED;
            case "failed", "canceled" -> ProviderStatus.DECLINED;
            default -> ProviderStatus.PENDING;
        };
    }

    static Money money(long minor, String stripeCurrency) {
        return Money.of(minor, stripeCurrency.toUpperCase(Locale.ROOT));
    }
}
