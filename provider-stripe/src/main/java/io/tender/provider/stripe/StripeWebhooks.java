package io.tender.provider.stripe;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import io.tender.api.Money;
import io.tender.api.provider.ProviderEvent;
import io.tender.api.provider.ProviderEvent.Kind;
import io.tender.api.provider.ProviderStatus;
import io.tender.api.provider.WebhookRejectedException;
import io.tender.api.provider.WebhookRequest;
import java.time.Instant;

/**
 * Verifies Stripe's webhooks with stripe-java ({@code Stripe-Signature}: {@code t=...,v1=...},
 * HMAC-SHA256 over {@code t.body}, five minutes' tolerance, any of several v1 signatures during a
 * secret rotation) and reads the events Tender acts on. The object is read from the raw JSON, so
 * events of an API version other than stripe-java's are read the same way.
 */
final class StripeWebhooks {

    static final String SIGNATURE_HEADER = "Stripe-Signature";
    static final long TOLERANCE_SECONDS = 300;

    private StripeWebhooks() {
    }

    static ProviderEvent parse(String signingSecret, WebhookRequest request) throws WebhookRejectedException {
        String signature = request.header(SIGNATURE_HEADER);
        if (signature == null) {
            throw new WebhookRejectedException("no " + SIGNATURE_HEADER + " header");
        }
        Event event;
        try {
            event = Webhook.constructEvent(request.bodyText(), signature, signingSecret, TOLERANCE_SECONDS);
        } catch (SignatureVerificationException e) {
            throw new WebhookRejectedException("signature verification failed: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new WebhookRejectedException("not a Stripe event: " + e.getClass().getSimpleName());
        }
        JsonObject object = JsonParser.parseString(event.getDataObjectDeserializer().getRawJson()).getAsJsonObject();
        Instant at = Instant.ofEpochSecond(event.getCreated());
        return switch (event.getType()) {
            case "checkout.session.completed" -> session(event, object,
                    "paid".equals(text(object, "payment_status")) || "no_payment_required".equals(text(object, "payment_status"))
                            ? ProviderStatus.SUCCEEDED : ProviderStatus.PENDING, at);
            case "checkout.session.async_payment_succeeded" -> session(event, object, ProviderStatus.SUCCEEDED, at);
            case "checkout.session.async_payment_failed" -> session(event, object, ProviderStatus.DECLINED, at);
            case "checkout.session.expired" -> session(event, object, ProviderStatus.EXPIRED, at);
            // A failed attempt on an open session: the client may still pay; recorded, not final.
            case "payment_intent.payment_failed" -> new ProviderEvent(event.getId(), Kind.PAYMENT, null,
                    metadata(object, StripeProvider.PAYMENT_ID_KEY), ProviderStatus.PENDING, amount(object, "amount"), null,
                    null, at);
            case "refund.created", "refund.updated" -> new ProviderEvent(event.getId(), Kind.REFUND, null,
                    metadata(object, StripeProvider.PAYMENT_ID_KEY), StripeStates.refundStatus(text(object, "status")),
                    amount(object, "amount"), text(object, "id"), metadata(object, StripeProvider.REFUND_ID_KEY), at);
            case "charge.refunded" -> new ProviderEvent(event.getId(), Kind.REFUND, null,
                    metadata(object, StripeProvider.PAYMENT_ID_KEY), ProviderStatus.SUCCEEDED, amount(object, "amount_refunded"),
                    null, null, at);
            default -> new ProviderEvent(event.getId(), Kind.IGNORED, null, null, ProviderStatus.PENDING, null, null, null, at);
        };
    }

    private static ProviderEvent session(Event event, JsonObject session, ProviderStatus status, Instant at) {
        return new ProviderEvent(event.getId(), Kind.PAYMENT, text(session, "id"), metadata(session, StripeProvider.PAYMENT_ID_KEY),
                status, amount(session, "amount_total"), null, null, at);
    }

    private static String metadata(JsonObject object, String key) {
        JsonElement metadata = object.get("metadata");
        return metadata != null && metadata.isJsonObject() ? text(metadata.getAsJsonObject(), key) : null;
    }

    private static Money amount(JsonObject object, String field) {
        JsonElement amount = object.get(field);
        String currency = text(object, "currency");
        return amount == null || amount.isJsonNull() || currency == null ? null
                : StripeStates.money(amount.getAsLong(), currency);
    }

    private static String text(JsonObject object, String field) {
        JsonElement value = object.get(field);
        return value == null || value.isJsonNull() ? null : value.getAsString();
    }
}
