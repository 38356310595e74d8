package io.tender.provider.sandbox;

import io.tender.api.Money;
import io.tender.api.provider.CheckoutRequest;
import io.tender.api.provider.PaymentSnapshot;
import io.tender.api.provider.ProviderErrorKind;
import io.tender.api.provider.ProviderException;
import io.tender.api.provider.ProviderStatus;
import io.tender.api.provider.RefundRequest;
import io.tender.api.provider.RefundResult;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The simulated payment partner behind the sandbox: it keeps checkouts, lets the client pay them
 * on the checkout page, refunds them, honours idempotency keys the way a real partner does, and
 * notifies Tender of every change with a signed webhook.
 */
@Component(service = SandboxService.class)
public final class SandboxService {

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Checkouts the sandbox remembers, the newest; older ones are forgotten as after a restart of
     * the sandbox. Kept without a bound, they were the largest thing on Tender's heap after a
     * benchmark (37,757 checkouts after 37,727 payments, docs/PERFORMANCE.md).
     */
    static final int KEPT_CHECKOUTS = 20_000;

    private final Map<String, SandboxCheckout> checkouts;
    private final Map<String, String> checkoutByKey;
    private final Map<String, RefundResult> refundByKey;
    private final WebhookSender webhooks;
    private final Clock clock;

    @Activate
    public SandboxService() {
        this(new WebhookSender(), Clock.systemUTC());
    }

    SandboxService(WebhookSender webhooks, Clock clock) {
        this(webhooks, clock, KEPT_CHECKOUTS);
    }

    SandboxService(WebhookSender webhooks, Clock clock, int kept) {
        this.webhooks = webhooks;
        this.clock = clock;
        this.checkouts = newest(kept);
        this.checkoutByKey = newest(kept);
        this.refundByKey = newest(kept);
    }

    /** A map that forgets its oldest entry once it holds more than {@code kept}. */
    private static <V> Map<String, V> newest(int kept) {
        return new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > kept;
            }
        };
    }

    @Deactivate
    void stop() {
        webhooks.close();
    }

    static String newId(String prefix) {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }

    /** Opens a checkout, or returns the one opened before with the same idempotency key. */
    synchronized SandboxCheckout open(String connectionId, CheckoutRequest request, String webhookSecret) {
        String key = connectionId + "/" + request.idempotencyKey();
        String existing = checkoutByKey.get(key);
        if (existing != null) {
            return checkouts.get(existing);
        }
        SandboxCheckout checkout = new SandboxCheckout(newId("cs_sbx_"), connectionId, request.paymentId(),
                request.amount(), request.merchantName(), request.description(), request.successUrl(), request.cancelUrl(),
                request.webhookUrl(), webhookSecret, request.expiresAt(), ProviderStatus.PENDING, 0);
        checkouts.put(checkout.id(), checkout);
        checkoutByKey.put(key, checkout.id());
        return checkout;
    }

    /** @return the checkout as the client sees it, expired if its time is up */
    synchronized Optional<SandboxCheckout> find(String id) {
        SandboxCheckout checkout = checkouts.get(id);
        if (checkout != null && checkout.payable() && clock.instant().isAfter(checkout.expiresAt())) {
            checkout = update(checkout.with(ProviderStatus.EXPIRED), "checkout.expired");
        }
        return Optional.ofNullable(checkout);
    }

    /** @return the checkout if it belongs to the connection: one account never sees another's checkouts */
    synchronized SandboxCheckout checkout(String connectionId, String id) throws ProviderException {
        return find(id).filter(c -> c.connectionId().equals(connectionId)).orElseThrow(
                () -> new ProviderException(ProviderErrorKind.INVALID_REQUEST, "no sandbox checkout " + id));
    }

    synchronized PaymentSnapshot snapshot(String connectionId, String id) throws ProviderException {
        return snapshot(checkout(connectionId, id));
    }

    private static PaymentSnapshot snapshot(SandboxCheckout c) {
        boolean captured = c.status() == ProviderStatus.SUCCEEDED;
        return new PaymentSnapshot(c.id(), c.status(), captured ? c.amount() : null,
                c.refundedMinor() > 0 ? new Money(c.refundedMinor(), c.amount().currency()) : null);
    }

    /**
     * The client paid with a card on the checkout page.
     *
     * @throws IllegalArgumentException if the card is not a test card
     * @throws IllegalStateException    if the checkout can no longer be paid
     */
    synchronized SandboxCheckout pay(String id, String cardNumber) {
        SandboxCheckout checkout = payable(id);
        ProviderStatus outcome = TestCards.outcome(cardNumber);
        return switch (outcome) {
            case SUCCEEDED -> update(checkout.with(outcome), "checkout.paid");
            case DECLINED -> update(checkout.with(outcome), "checkout.declined");
            default -> update(checkout.with(outcome), null); // the client must confirm first
        };
    }

    /** The client answered the confirmation step: approved or not. */
    synchronized SandboxCheckout confirm(String id, boolean approved) {
        SandboxCheckout checkout = payable(id);
        if (checkout.status() != ProviderStatus.REQUIRES_ACTION) {
            throw new IllegalStateException("This payment needs no confirmation.");
        }
        return approved ? update(checkout.with(ProviderStatus.SUCCEEDED), "checkout.paid")
                : update(checkout.with(ProviderStatus.DECLINED), "checkout.declined");
    }

    /** The client pressed Decline: the partner refuses the payment. */
    synchronized SandboxCheckout decline(String id) {
        return update(payable(id).with(ProviderStatus.DECLINED), "checkout.declined");
    }

    /** The client gave up, or Tender closed the checkout. */
    synchronized SandboxCheckout cancel(String id) {
        return update(payable(id).with(ProviderStatus.CANCELED), "checkout.canceled");
    }

    synchronized PaymentSnapshot cancel(String connectionId, String id) throws ProviderException {
        SandboxCheckout checkout = checkout(connectionId, id);
        return snapshot(checkout.payable() ? cancel(id) : checkout);
    }

    private SandboxCheckout payable(String id) {
        SandboxCheckout checkout = find(id).orElseThrow(() -> new IllegalStateException("This checkout does not exist."));
        if (!checkout.payable()) {
            throw new IllegalStateException("This checkout is " + checkout.status().name().toLowerCase().replace('_', ' ') + ".");
        }
        return checkout;
    }

    synchronized RefundResult refund(String connectionId, RefundRequest request) throws ProviderException {
        String key = connectionId + "/" + request.idempotencyKey();
        RefundResult replay = refundByKey.get(key);
        if (replay != null) {
            return replay;
        }
        SandboxCheckout checkout = checkout(connectionId, request.providerReference());
        if (checkout.status() != ProviderStatus.SUCCEEDED) {
            throw new ProviderException(ProviderErrorKind.INVALID_REQUEST, "checkout " + checkout.id() + " was not paid");
        }
        if (!request.amount().currency().equals(checkout.amount().currency())) {
            throw new ProviderException(ProviderErrorKind.INVALID_REQUEST, "the checkout was paid in " + checkout.amount().currency());
        }
        long left = checkout.amount().minorUnits() - checkout.refundedMinor();
        if (request.amount().minorUnits() <= 0 || request.amount().minorUnits() > left) {
            throw new ProviderException(ProviderErrorKind.INVALID_REQUEST,
                    "refund must be between 0.01 and " + new Money(left, checkout.amount().currency()));
        }
        RefundResult result = new RefundResult(newId("re_sbx_"), ProviderStatus.SUCCEEDED);
        refundByKey.put(key, result);
        SandboxCheckout refunded = checkout.refunded(request.amount().minorUnits());
        checkouts.put(refunded.id(), refunded);
        Map<String, String> event = event("refund.succeeded", refunded);
        event.put("amount", Long.toString(request.amount().minorUnits()));
        event.put("refund", result.providerRefundReference());
        event.put("tender_refund", request.refundId());
        webhooks.send(refunded, event);
        return result;
    }

    private SandboxCheckout update(SandboxCheckout checkout, String eventType) {
        checkouts.put(checkout.id(), checkout);
        if (eventType != null) {
            webhooks.send(checkout, event(eventType, checkout));
        }
        return checkout;
    }

    private Map<String, String> event(String type, SandboxCheckout checkout) {
        Map<String, String> event = new LinkedHashMap<>();
        event.put("id", newId("evt_sbx_"));
        event.put("type", type);
        event.put("checkout", checkout.id());
        event.put("amount", Long.toString(checkout.amount().minorUnits()));
        return event;
    }

    /** @return the currency of a checkout, for reading amounts in webhooks */
    synchronized java.util.Currency currency(String checkoutId) {
        SandboxCheckout checkout = checkouts.get(checkoutId);
        return checkout == null ? null : checkout.amount().currency();
    }
}
