package io.tender.core.internal.payments;

import static io.tender.core.internal.payments.PaymentUpdates.changed;
import static io.tender.core.internal.payments.PaymentUpdates.withCheckout;
import static io.tender.core.internal.payments.PaymentUpdates.withFailure;
import static io.tender.core.internal.payments.PaymentUpdates.withRefund;
import static io.tender.core.internal.payments.PaymentUpdates.withStatus;

import io.tender.api.Money;
import io.tender.api.Payment;
import io.tender.api.PaymentEvent;
import io.tender.api.PaymentRequest;
import io.tender.api.PaymentService;
import io.tender.api.PaymentStatus;
import io.tender.api.TenderException;
import io.tender.api.method.Charge;
import io.tender.api.method.ChargeRequest;
import io.tender.api.method.PaymentMethod;
import io.tender.api.provider.CheckoutRequest;
import io.tender.api.provider.CheckoutSession;
import io.tender.api.provider.PaymentSnapshot;
import io.tender.api.provider.ProviderCapability;
import io.tender.api.provider.ProviderEvent;
import io.tender.api.provider.ProviderErrorKind;
import io.tender.api.provider.ProviderException;
import io.tender.api.provider.ProviderStatus;
import io.tender.api.provider.RefundRequest;
import io.tender.api.provider.RefundResult;
import io.tender.api.provider.WebhookRejectedException;
import io.tender.api.provider.WebhookRequest;
import io.tender.core.internal.Ids;
import io.tender.core.internal.credentials.CredentialVault;
import io.tender.core.internal.ledger.PaymentLedger;
import io.tender.core.internal.ledger.RefundLedger;
import io.tender.core.internal.ledger.RefundLedger.Refund;
import io.tender.core.internal.ledger.WebhookReceipts;
import io.tender.core.internal.routing.PaymentRouter;
import io.tender.core.internal.routing.Route;
import io.tender.core.internal.routing.RunningServices;
import io.tender.core.internal.settings.SealedSettings;
import io.tender.core.internal.store.StoreException;
import io.tender.core.internal.store.TenderStore;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes payments: records each one before its provider is called, routes it, and moves it through
 * its states as the provider answers, reports through webhooks, or is asked for its state.
 */
@Component(service = PaymentService.class, configurationPid = PaymentProcessor.PID)
@Designate(ocd = PaymentProcessor.Config.class)
public final class PaymentProcessor implements PaymentService {

    static final String PID = "io.tender.payments";
    private static final Logger LOG = LoggerFactory.getLogger(PaymentProcessor.class);

    @ObjectClassDefinition(name = "Tender payments", description = "How payments are taken.")
    public @interface Config {
        @AttributeDefinition(
                name = "Public base URL",
                description = "Where clients reach this Tender, for the pages providers send them back to. "
                        + "Empty: http://localhost with the HTTP port.")
        String publicBaseUrl() default "";

        @AttributeDefinition(name = "Checkout lifetime (minutes)", min = "30", max = "1440",
                description = "How long a client has to pay once a checkout is opened.")
        int checkoutMinutes() default 30;
    }

    private final TenderStore store;
    private final RunningServices running;
    private final PaymentRouter router;
    private final URI publicBaseUrl;
    private final Duration checkoutLifetime;
    private final Clock clock;
    private final PaymentLedger ledger = new PaymentLedger();
    private final RefundLedger refunds = new RefundLedger();
    private final WebhookReceipts receipts = new WebhookReceipts();

    @Activate
    public PaymentProcessor(Config config, @Reference TenderStore store, @Reference CredentialVault vault,
            @Reference RunningServices running, BundleContext context) {
        this(store, running, new SealedSettings(vault.cipher()), publicBaseUrl(config, context),
                Duration.ofMinutes(config.checkoutMinutes()), Clock.systemUTC());
    }

    PaymentProcessor(TenderStore store, RunningServices running, SealedSettings sealed, URI publicBaseUrl,
            Duration checkoutLifetime, Clock clock) {
        this.store = store;
        this.running = running;
        this.router = new PaymentRouter(store, running, sealed);
        this.publicBaseUrl = publicBaseUrl;
        this.checkoutLifetime = checkoutLifetime;
        this.clock = clock;
    }

    private static URI publicBaseUrl(Config config, BundleContext context) {
        if (!config.publicBaseUrl().isBlank()) {
            return URI.create(config.publicBaseUrl().replaceAll("/+$", ""));
        }
        String port = context.getProperty("org.osgi.service.http.port");
        return URI.create("http://localhost:" + (port == null ? "8080" : port));
    }

    // ---- create ----------------------------------------------------------------------------

    @Override
    public Payment create(PaymentRequest request) {
        PaymentRequests.validate(request);
        String fingerprint = RequestFingerprint.of(request);
        if (request.idempotencyKey() != null) {
            Optional<Payment> replay = replay(request, fingerprint);
            if (replay.isPresent()) {
                return replay.get();
            }
        }
        PaymentMethod method = router.method(request.methodId());
        Route route = router.forNewPayment(request.locationId(), request.methodId());
        Charge charge = method.charge(new ChargeRequest(request.locationId(), request.purpose(), request.reference(),
                request.amount(), request.description()));
        if (charge == null || !charge.amount().isPositive()) {
            throw TenderException.invalid("amount", "the method computed no amount to charge");
        }
        if (!route.provider().descriptor().accepts(charge.amount().currency())) {
            throw TenderException.invalid("currency", "provider '" + route.connection().providerId()
                    + "' does not accept " + charge.amount().currency().getCurrencyCode());
        }
        Instant now = clock.instant();
        Payment payment = new Payment(Ids.next("pay"), request.locationId(), request.methodId(), route.connection().id(),
                route.connection().providerId(), charge.amount(), Money.zero(charge.amount().currency()),
                request.purpose(), request.reference(), charge.description(), PaymentStatus.CREATED,
                null, null, null, null, now, now);
        try {
            store.inTransaction(db -> {
                ledger.insert(db, payment, request.idempotencyKey(), fingerprint);
                return null;
            });
        } catch (StoreException e) {
            if (e.isDuplicateKey() && request.idempotencyKey() != null) {
                // a concurrent request with the same key won the insert
                return replay(request, fingerprint).orElseThrow(() -> e);
            }
            throw e;
        }
        LOG.info("Payment {} of {} recorded for {} at {} via {}", payment.id(), payment.amount(), request.methodId(),
                request.locationId(), route.connection().id());
        return openCheckout(payment, route, request.customerEmail(), request.returnUrl());
    }

    private Optional<Payment> replay(PaymentRequest request, String fingerprint) {
        return store.inTransaction(db -> ledger.findByIdempotencyKey(db, request.locationId(), request.idempotencyKey()))
                .map(recorded -> {
                    if (!recorded.requestFingerprint().equals(fingerprint)) {
                        throw TenderException.conflict("idempotencyKey",
                                "this idempotency key was used for a request with other parameters");
                    }
                    return recorded.payment();
                });
    }

    /** Opens the checkout; the provider's idempotency key is derived from the payment id, so doing this twice opens one. */
    private Payment openCheckout(Payment payment, Route route, String customerEmail, String returnUrl) {
        URI result = returnUrl != null ? URI.create(returnUrl) : publicBaseUrl.resolve("/pay/result/" + payment.id());
        CheckoutRequest checkout = new CheckoutRequest(payment.id(), "tender-checkout-" + payment.id(), payment.amount(),
                payment.description(), payment.purpose(), customerEmail, result,
                URI.create(result + (result.getQuery() == null ? "?" : "&") + "canceled=true"),
                clock.instant().plus(checkoutLifetime));
        try {
            CheckoutSession session = route.provider().startCheckout(route.account(), checkout);
            return change(payment.id(), p -> withCheckout(p, ProviderStatuses.toPayment(session.status()),
                    session.providerReference(), session.redirectUrl(), session.expiresAt(), clock.instant()),
                    "checkout-opened", null, "checkout " + session.providerReference());
        } catch (ProviderException e) {
            String reason = e.kind() + ": " + e.getMessage();
            LOG.warn("Checkout for payment {} failed at {}: {}", payment.id(), payment.providerId(), reason);
            return change(payment.id(), p -> withFailure(p, ProviderStatuses.afterError(e.kind()), reason, clock.instant()),
                    "checkout-failed", null, reason);
        } catch (RuntimeException e) {
            // A provider bug, or its bundle stopping mid-call: the checkout may exist; refresh finds out.
            String reason = "provider call failed: " + e.getClass().getSimpleName();
            LOG.warn("Checkout for payment {} ended unexpectedly at {}", payment.id(), payment.providerId(), e);
            return change(payment.id(), p -> withFailure(p, PaymentStatus.UNKNOWN, reason, clock.instant()),
                    "checkout-unknown", null, reason);
        }
    }

    // ---- read ------------------------------------------------------------------------------

    @Override
    public Optional<Payment> find(String paymentId) {
        return store.inTransaction(db -> ledger.find(db, paymentId));
    }

    private Payment require(String paymentId) {
        return find(paymentId).orElseThrow(() -> TenderException.notFound("paymentId", "no payment '" + paymentId + "'"));
    }

    @Override
    public List<PaymentEvent> history(String paymentId) {
        Payment payment = require(paymentId);
        return store.inTransaction(db -> ledger.history(db, payment));
    }

    // ---- refresh and cancel ----------------------------------------------------------------

    @Override
    public Payment refresh(String paymentId) {
        Payment payment = require(paymentId);
        Route route = router.forConnection(payment.connectionId());
        if (payment.providerReference() == null) {
            if (payment.status() == PaymentStatus.CREATED || payment.status() == PaymentStatus.UNKNOWN) {
                // The provider may or may not have opened the checkout; asking again with the same key tells.
                return openCheckout(payment, route, null, null);
            }
            return payment;
        }
        PaymentSnapshot snapshot = call(() -> route.provider().fetchState(route.account(), payment.providerReference()),
                payment.providerId());
        return applySnapshot(paymentId, snapshot, "refreshed");
    }

    private Payment applySnapshot(String paymentId, PaymentSnapshot snapshot, String eventType) {
        return change(paymentId, p -> {
            PaymentStatus reported = ProviderStatuses.toPayment(snapshot.status());
            if (p.status().isCaptured() || p.status() == PaymentStatus.REFUNDED) {
                return p; // refunds move captured payments on; a provider's "succeeded" adds nothing
            }
            return withStatus(p, reported, clock.instant());
        }, eventType, snapshot.captured(), "provider reports " + snapshot.status());
    }

    @Override
    public Payment cancel(String paymentId) {
        Payment payment = require(paymentId);
        if (!payment.status().isOpen()) {
            throw TenderException.conflict("paymentId", "payment is " + payment.status() + " and can no longer be cancelled");
        }
        if (payment.providerReference() == null) {
            payment = refresh(paymentId);
            if (payment.providerReference() == null) {
                return change(paymentId, p -> withStatus(p, PaymentStatus.CANCELED, clock.instant()), "canceled", null,
                        "no checkout was opened");
            }
        }
        Route route = router.forConnection(payment.connectionId());
        String reference = payment.providerReference();
        PaymentSnapshot snapshot = call(() -> route.provider().cancelCheckout(route.account(), reference), payment.providerId());
        return applySnapshot(paymentId, snapshot, "cancel");
    }

    // ---- refunds ---------------------------------------------------------------------------

    @Override
    public Payment refund(String paymentId, Money amount, String idempotencyKey) {
        Payment payment = require(paymentId);
        Route route = router.forConnection(payment.connectionId());
        Set<ProviderCapability> capabilities = route.provider().descriptor().capabilities();
        Refund refund = store.inTransaction(db -> reserveRefund(db, paymentId, amount, idempotencyKey, capabilities));
        if (refund.status() != RefundLedger.Status.PENDING) {
            return require(paymentId); // a replay of a finished refund
        }
        Money money = new Money(refund.amountMinor(), payment.amount().currency());
        RefundResult result;
        try {
            result = route.provider().refund(route.account(), new RefundRequest(refund.id(), "tender-refund-" + refund.id(),
                    payment.providerReference(), money, null));
        } catch (ProviderException e) {
            if (e.kind().outcomeUnknown()) {
                appendNote(paymentId, "refund-unknown", money, refund.id() + ": " + e.getMessage());
                throw new TenderException(TenderException.Reason.PROVIDER_UNAVAILABLE, null,
                        "the refund's outcome is unknown; retry with the same idempotency key");
            }
            failRefund(refund, money, e.kind() + ": " + e.getMessage());
            throw new TenderException(e.kind() == ProviderErrorKind.UNAVAILABLE
                    ? TenderException.Reason.PROVIDER_UNAVAILABLE : TenderException.Reason.CONFLICT,
                    "amount", payment.providerId() + " refused the refund: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("Refund {} of payment {} ended unexpectedly", refund.id(), paymentId, e);
            throw new TenderException(TenderException.Reason.PROVIDER_UNAVAILABLE, null,
                    "the refund's outcome is unknown; retry with the same idempotency key");
        }
        if (result.status() == ProviderStatus.SUCCEEDED) {
            return store.inTransaction(db -> completeRefund(db, refund.id(), result.providerRefundReference()));
        }
        if (result.status() == ProviderStatus.PENDING) {
            store.inTransaction(db -> {
                refunds.update(db, refund.id(), RefundLedger.Status.PENDING, result.providerRefundReference(), clock.instant());
                return null;
            });
            appendNote(paymentId, "refund-pending", money, refund.id());
            return require(paymentId);
        }
        failRefund(refund, money, "provider reports " + result.status());
        throw TenderException.conflict("amount", payment.providerId() + " declined the refund");
    }

    private Refund reserveRefund(Connection db, String paymentId, Money amount, String key,
            Set<ProviderCapability> capabilities) throws SQLException {
        Payment current = ledger.lock(db, paymentId).orElseThrow();
        if (key != null) {
            Optional<Refund> prior = refunds.findByIdempotencyKey(db, paymentId, key);
            if (prior.isPresent()) {
                if (amount != null && prior.get().amountMinor() != amount.minorUnits()) {
                    throw TenderException.conflict("idempotencyKey", "this idempotency key was used for another amount");
                }
                return prior.get();
            }
        }
        if (!current.status().isCaptured()) {
            throw TenderException.conflict("paymentId", "payment is " + current.status() + "; only captured payments can be refunded");
        }
        if (!capabilities.contains(ProviderCapability.REFUNDS) && !capabilities.contains(ProviderCapability.PARTIAL_REFUNDS)) {
            throw TenderException.invalid("paymentId", "provider '" + current.providerId() + "' does not support refunds");
        }
        long available = current.refundable().minorUnits() - refunds.pendingTotal(db, paymentId);
        long requested = amount == null ? available : amount.minorUnits();
        if (amount != null && !amount.currency().equals(current.amount().currency())) {
            throw TenderException.invalid("currency", "the payment is in " + current.amount().currency().getCurrencyCode());
        }
        if (requested <= 0) {
            throw TenderException.invalid("amount", amount == null ? "nothing is left to refund" : "must be positive");
        }
        if (requested > available) {
            throw TenderException.invalid("amount", "at most " + new Money(available, current.amount().currency())
                    + " can be refunded");
        }
        boolean partial = current.refunded().minorUnits() > 0 || requested < current.amount().minorUnits();
        if (partial && !capabilities.contains(ProviderCapability.PARTIAL_REFUNDS)) {
            throw TenderException.invalid("amount", "provider '" + current.providerId() + "' only refunds the full amount");
        }
        Refund refund = new Refund(Ids.next("re"), paymentId, requested, RefundLedger.Status.PENDING, null);
        refunds.insert(db, refund, key, clock.instant());
        ledger.appendEvent(db, paymentId, "refund-requested", current.status(), current.status(),
                new Money(requested, current.amount().currency()), refund.id(), clock.instant());
        return refund;
    }

    /** Applies a succeeded refund once: to the refund, the payment's refunded total and its status. */
    private Payment completeRefund(Connection db, String refundId, String providerRefundReference) throws SQLException {
        Refund refund = refunds.lock(db, refundId).orElseThrow();
        Payment current = ledger.lock(db, refund.paymentId()).orElseThrow();
        if (refund.status() != RefundLedger.Status.PENDING) {
            return current;
        }
        Instant now = clock.instant();
        refunds.update(db, refundId, RefundLedger.Status.SUCCEEDED, providerRefundReference, now);
        Payment next = withRefund(current, refund.amountMinor(), now);
        ledger.update(db, current, next, "refund-succeeded", new Money(refund.amountMinor(), current.amount().currency()),
                refundId);
        return next;
    }

    private void failRefund(Refund refund, Money money, String reason) {
        store.inTransaction(db -> {
            refunds.update(db, refund.id(), RefundLedger.Status.FAILED, null, clock.instant());
            Payment current = ledger.lock(db, refund.paymentId()).orElseThrow();
            ledger.appendEvent(db, refund.paymentId(), "refund-failed", current.status(), current.status(), money,
                    refund.id() + ": " + reason, clock.instant());
            return null;
        });
    }

    // ---- webhooks --------------------------------------------------------------------------

    @Override
    public Optional<Payment> acceptWebhook(String connectionId, WebhookRequest request) {
        Route route = router.forConnection(connectionId);
        ProviderEvent event;
        try {
            event = route.provider().parseWebhook(route.account(), request);
        } catch (WebhookRejectedException e) {
            LOG.warn("Webhook for connection {} rejected: {}", connectionId, e.getMessage());
            throw TenderException.invalid("signature", "webhook rejected: " + e.getMessage());
        }
        if (event.kind() == ProviderEvent.Kind.IGNORED) {
            return Optional.empty();
        }
        Optional<Payment> before = store.inTransaction(db -> ledger.findByProviderReference(db, connectionId,
                event.providerReference()));
        if (before.isEmpty()) {
            LOG.warn("Webhook event {} for connection {} concerns no known payment", event.eventId(), connectionId);
            return Optional.empty();
        }
        Payment after;
        try {
            after = store.inTransaction(db -> applyEvent(db, connectionId, before.get().id(), event));
        } catch (StoreException e) {
            if (e.isDuplicateKey()) {
                return find(before.get().id()); // the same event, applied concurrently by another delivery
            }
            throw e;
        }
        notifySettled(before.get(), after);
        return Optional.of(after);
    }

    private Payment applyEvent(Connection db, String connectionId, String paymentId, ProviderEvent event) throws SQLException {
        Payment current = ledger.lock(db, paymentId).orElseThrow();
        if (receipts.seen(db, connectionId, event.eventId())) {
            return current;
        }
        Instant now = clock.instant();
        Payment result = current;
        if (event.kind() == ProviderEvent.Kind.REFUND) {
            Optional<Refund> refund = refunds.findByProviderReference(db, paymentId, event.refundReference());
            if (event.status() == ProviderStatus.SUCCEEDED && refund.isPresent()) {
                result = completeRefund(db, refund.get().id(), event.refundReference());
            } else {
                ledger.appendEvent(db, paymentId, "webhook-refund", current.status(), current.status(), event.amount(),
                        event.eventId() + ": refund " + event.refundReference() + " " + event.status(), now);
            }
        } else {
            PaymentStatus reported = ProviderStatuses.toPayment(event.status());
            boolean adds = reported != current.status() && !(current.status().isCaptured() && reported == PaymentStatus.SUCCEEDED)
                    && current.status() != PaymentStatus.REFUNDED;
            if (adds && current.status().canMoveTo(reported)) {
                result = withStatus(current, reported, now);
                ledger.update(db, current, result, "webhook", event.amount(), event.eventId());
            } else {
                // Late or out-of-order: recorded, never applied backwards.
                ledger.appendEvent(db, paymentId, "webhook-ignored", current.status(), current.status(), event.amount(),
                        event.eventId() + " reports " + event.status(), now);
            }
        }
        receipts.record(db, connectionId, event.eventId(), paymentId, now);
        return result;
    }

    // ---- shared ----------------------------------------------------------------------------

    /**
     * Changes a payment under its row lock. A change the ledger must refuse (an illegal transition)
     * is recorded as an ignored event and leaves the payment as it was.
     */
    private Payment change(String paymentId, UnaryOperator<Payment> update, String eventType, Money amount, String detail) {
        Payment[] before = new Payment[1];
        Payment after = store.inTransaction(db -> {
            Payment current = ledger.lock(db, paymentId).orElseThrow();
            before[0] = current;
            Payment next = update.apply(current);
            if (!changed(current, next)) {
                return current;
            }
            if (next.status() != current.status() && !current.status().canMoveTo(next.status())) {
                ledger.appendEvent(db, paymentId, eventType + "-ignored", current.status(), current.status(), amount,
                        detail + "; " + current.status() + " -> " + next.status() + " refused", clock.instant());
                return current;
            }
            ledger.update(db, current, next, eventType, amount, detail);
            return next;
        });
        notifySettled(before[0], after);
        return after;
    }

    private void appendNote(String paymentId, String type, Money amount, String detail) {
        store.inTransaction(db -> {
            Payment current = ledger.lock(db, paymentId).orElseThrow();
            ledger.appendEvent(db, paymentId, type, current.status(), current.status(), amount, detail, clock.instant());
            return null;
        });
    }

    /** Tells the payment's method once the payment reached a final outcome. */
    private void notifySettled(Payment before, Payment after) {
        boolean settledNow = before.status() != after.status()
                && (after.status() == PaymentStatus.SUCCEEDED || after.status().isTerminal()
                        && after.status() != PaymentStatus.REFUNDED);
        if (!settledNow) {
            return;
        }
        running.method(after.methodId()).ifPresentOrElse(method -> {
            try {
                method.settled(after);
            } catch (RuntimeException e) {
                LOG.error("Method {} failed to settle payment {}", after.methodId(), after.id(), e);
            }
        }, () -> LOG.warn("Method {} is not installed; payment {} settled as {} without it", after.methodId(),
                after.id(), after.status()));
    }

    /** A provider call whose failure leaves the ledger as it is. */
    private <T> T call(ProviderCall<T> call, String providerId) {
        try {
            return call.run();
        } catch (ProviderException e) {
            throw new TenderException(TenderException.Reason.PROVIDER_UNAVAILABLE, null,
                    providerId + " could not be asked: " + e.kind() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("Provider {} failed", providerId, e);
            throw new TenderException(TenderException.Reason.PROVIDER_UNAVAILABLE, null, providerId + " failed; try again");
        }
    }

    @FunctionalInterface
    private interface ProviderCall<T> {
        T run() throws ProviderException;
    }
}
