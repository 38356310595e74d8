package io.tender.core.internal.payments;

import static io.tender.core.internal.payments.PaymentUpdates.withCheckout;
import static io.tender.core.internal.payments.PaymentUpdates.withFailure;
import static io.tender.core.internal.payments.PaymentUpdates.withStatus;

import io.tender.api.Money;
import io.tender.api.Payment;
import io.tender.api.PaymentEvent;
import io.tender.api.PaymentPage;
import io.tender.api.PaymentQuery;
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
import io.tender.api.provider.ProviderErrorKind;
import io.tender.api.provider.ProviderException;
import io.tender.api.provider.WebhookRequest;
import io.tender.core.internal.Ids;
import io.tender.core.internal.PublicAddress;
import io.tender.core.internal.credentials.CredentialVault;
import io.tender.core.internal.ledger.CheckoutTerms;
import io.tender.core.internal.ledger.PaymentLedger;
import io.tender.core.internal.ledger.PaymentSearch;
import io.tender.core.internal.routing.PaymentRouter;
import io.tender.core.internal.routing.Route;
import io.tender.core.internal.routing.RunningServices;
import io.tender.core.internal.settings.SealedSettings;
import io.tender.core.internal.store.StoreException;
import io.tender.core.internal.store.TenderStore;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import io.tender.api.webhook.InboxedWebhook;
import io.tender.api.webhook.WebhookInbox;
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
@Component(service = {PaymentService.class, WebhookInbox.class}, configurationPid = PaymentProcessor.PID)
@Designate(ocd = PaymentProcessor.Config.class)
public final class PaymentProcessor implements PaymentService, WebhookInbox {

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

        @AttributeDefinition(name = "Reconciliation interval (seconds)", min = "1", max = "3600",
                description = "How often the janitor looks for open payments past their time and expired links.")
        int reconcileSeconds() default 30;

        @AttributeDefinition(name = "Quiet time before a check (seconds)", min = "1", max = "86400",
                description = "How long an open payment goes without news from its provider before the janitor asks.")
        int reconcileQuietSeconds() default 300;
    }

    private final TenderStore store;
    private final PaymentRouter router;
    private final URI publicBaseUrl;
    private final Duration checkoutLifetime;
    private final Clock clock;
    private final PaymentLedger ledger;
    private final PaymentSearch search = new PaymentSearch();
    private final PaymentChanges changes;
    private final Refunds refunds;
    private final WebhookIntake webhooks;
    private final PaymentJanitor janitor;
    /**
     * Replays kept webhooks every 2 s and attempts the stored events that are due every second;
     * none in unit tests, which call {@link #replayParkedWebhooks} and {@link #processDueWebhooks} themselves.
     */
    private java.util.concurrent.ScheduledExecutorService replayer;

    @Activate
    public PaymentProcessor(Config config, @Reference TenderStore store, @Reference CredentialVault vault,
            @Reference RunningServices running, BundleContext context) {
        this(store, running, new SealedSettings(vault.cipher()), PublicAddress.base(config.publicBaseUrl(), context),
                Duration.ofMinutes(config.checkoutMinutes()), Clock.systemUTC(), Duration.ofSeconds(config.reconcileQuietSeconds()));
        replayer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(work -> {
            Thread thread = new Thread(work, "tender-webhooks");
            thread.setDaemon(true);
            return thread;
        });
        replayer.scheduleWithFixedDelay(() -> {
            try {
                replayParkedWebhooks();
            } catch (RuntimeException e) {
                LOG.warn("Kept webhooks could not be replayed now: {}", e.toString());
            }
        }, 2, 2, java.util.concurrent.TimeUnit.SECONDS);
        replayer.scheduleWithFixedDelay(() -> {
            try {
                while (processDueWebhooks() == DUE_BATCH) {
                    // a full batch: there may be more due
                }
            } catch (RuntimeException e) {
                LOG.warn("Stored webhook events could not be attempted now: {}", e.toString());
            }
        }, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
        replayer.scheduleWithFixedDelay(() -> {
            try {
                reconcile();
            } catch (RuntimeException e) {
                LOG.warn("Reconciliation could not run now: {}", e.toString());
            }
        }, config.reconcileSeconds(), config.reconcileSeconds(), java.util.concurrent.TimeUnit.SECONDS);
    }

    private static final int DUE_BATCH = 100;

    /** One round of the janitor: open payments past their time, then expired links. @return payments checked */
    int reconcile() {
        int checked = 0;
        int batch;
        do {
            batch = janitor.reconcileDue(DUE_BATCH);
            checked += batch;
        } while (batch == DUE_BATCH);
        while (janitor.sweepExpiredLinks(DUE_BATCH) == DUE_BATCH) {
            // more expired links
        }
        return checked;
    }

    @Override
    public List<Payment> needingAttention(String locationId, int limit) {
        return janitor.needingAttention(locationId, limit);
    }

    @org.osgi.service.component.annotations.Deactivate
    void deactivate() {
        if (replayer != null) {
            replayer.shutdownNow();
            try {
                replayer.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    PaymentProcessor(TenderStore store, RunningServices running, SealedSettings sealed, URI publicBaseUrl,
            Duration checkoutLifetime, Clock clock, Duration reconcileQuiet) {
        this.store = store;
        this.ledger = new PaymentLedger(reconcileQuiet);
        this.router = new PaymentRouter(store, running, sealed);
        this.publicBaseUrl = publicBaseUrl;
        this.checkoutLifetime = checkoutLifetime;
        this.clock = clock;
        this.changes = new PaymentChanges(store, ledger, running, clock);
        this.refunds = new Refunds(store, ledger, router, changes, clock);
        this.webhooks = new WebhookIntake(store, ledger, router, changes, refunds, clock);
        this.janitor = new PaymentJanitor(store, ledger, this::refresh, this::cancel, clock);
    }

    // ---- create ----------------------------------------------------------------------------

    @Override
    public Payment create(PaymentRequest request) {
        PaymentRequests.validate(request);
        String fingerprint = RequestFingerprint.of(request);
        if (request.idempotencyKey() != null) {
            Optional<Payment> replay = replay(request, fingerprint);
            if (replay.isPresent()) {
                // A checkout that never started (its provider was away) is opened by the retry.
                Payment replayed = replay.get();
                return replayed.status() == PaymentStatus.CREATED && replayed.providerReference() == null
                        ? refresh(replayed.id()) : replayed;
            }
        }
        PaymentMethod method = router.method(request.methodId());
        Route route = router.forNewPayment(request.locationId(), request.methodId());
        Charge charge = method.charge(new ChargeRequest(request.locationId(), request.purpose(), request.reference(),
                request.amount(), request.description(), route.methodOptions())).orElseThrow(() -> TenderException.invalid("reference",
                        "no online payment is needed for " + request.purpose() + " '" + request.reference() + "'"));
        if (!charge.amount().isPositive()) {
            throw TenderException.invalid("amount", "the method computed no amount to charge");
        }
        if (!route.provider().descriptor().accepts(charge.amount().currency())) {
            throw TenderException.invalid("currency", "provider '" + route.connection().providerId()
                    + "' does not accept " + charge.amount().currency().getCurrencyCode());
        }
        Instant now = clock.instant();
        // Whole seconds: what providers take, and what the database returns unchanged for a retry.
        CheckoutTerms terms = new CheckoutTerms(request.customerEmail(), request.returnUrl(),
                now.plus(checkoutLifetime).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        Payment payment = new Payment(Ids.ordered("pay"), request.locationId(), request.methodId(), route.connection().id(),
                route.connection().providerId(), charge.amount(), Money.zero(charge.amount().currency()),
                request.purpose(), request.reference(), charge.description(), request.customerEmail(), PaymentStatus.CREATED,
                null, null, null, null, now, now);
        try {
            store.inTransaction(db -> {
                ledger.insert(db, payment, terms, request.idempotencyKey(), fingerprint);
                return null;
            });
        } catch (StoreException e) {
            if (e.isDuplicateKey() && request.idempotencyKey() != null) {
                // a concurrent request with the same key won the insert
                return replay(request, fingerprint).orElseThrow(() -> e);
            }
            throw e;
        }
        // Debug, not info: one line per payment serialized every request on the logger's lock (the
        // first profile of docs/bench/perf.sh); the ledger keeps each payment's history anyway.
        LOG.debug("Payment {} of {} recorded for {} at {} via {}", payment.id(), payment.amount(), request.methodId(),
                request.locationId(), route.connection().id());
        return openCheckout(payment, route, terms, false);
    }

    private Optional<Payment> replay(PaymentRequest request, String fingerprint) {
        return store.inTransaction(db -> ledger.findByIdempotencyKey(db, request.locationId(), request.idempotencyKey()))
                .map(recorded -> {
                    if (!recorded.requestFingerprint().equals(fingerprint)) {
                        throw TenderException.keyReused(
                                "this idempotency key was used for a request with other parameters");
                    }
                    return recorded.payment();
                });
    }

    /**
     * Opens the checkout. The provider's idempotency key is derived from the payment id and the
     * request is rebuilt from the stored terms, so asking again after an unknown outcome opens the
     * same checkout, never a second one.
     *
     * @param retry true when the first attempt's outcome is unknown: then only a decline is final,
     *              and any other failure leaves the payment as it is
     */
    private Payment openCheckout(Payment payment, Route route, CheckoutTerms terms, boolean retry) {
        URI result = terms.returnUrl() != null ? URI.create(terms.returnUrl()) : PublicAddress.under(publicBaseUrl, "/pay/result/" + payment.id());
        CheckoutRequest checkout = new CheckoutRequest(payment.id(), "tender-checkout-" + payment.id(), payment.amount(),
                payment.description(), payment.purpose(), route.locationName(), terms.customerEmail(), result,
                Urls.withQueryParameter(result, "canceled=true"),
                PublicAddress.under(publicBaseUrl, "/api/webhooks/" + payment.connectionId()), terms.deadline());
        CheckoutSession session;
        try {
            session = route.provider().startCheckout(route.account(), checkout);
        } catch (ProviderException e) {
            String reason = e.kind() + ": " + e.getMessage();
            LOG.warn("Checkout for payment {} failed at {}: {}", payment.id(), payment.providerId(), reason);
            if (retry && e.kind() != ProviderErrorKind.DECLINED) {
                changes.appendNote(payment.id(), "checkout-retry-failed", null, reason);
                throw new TenderException(TenderException.Reason.PROVIDER_UNAVAILABLE, null,
                        "the checkout's outcome is still unknown: " + reason);
            }
            return changes.change(payment.id(), p -> withFailure(p, ProviderStatuses.afterError(e.kind()), reason, clock.instant()),
                    "checkout-failed", null, reason);
        } catch (TenderException e) {
            // The provider was away past the wait, or its connection had no free slot: the call never
            // reached it, so no checkout exists. The payment stays CREATED; a retry with the same
            // idempotency key (or a refresh) opens its checkout.
            changes.appendNote(payment.id(), "checkout-not-started", null, e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            // A provider bug, or its bundle stopping mid-call: the checkout may exist; refresh finds out.
            String reason = "provider call failed: " + e.getClass().getSimpleName();
            LOG.warn("Checkout for payment {} ended unexpectedly at {}", payment.id(), payment.providerId(), e);
            return changes.change(payment.id(), p -> withFailure(p, PaymentStatus.UNKNOWN, reason, clock.instant()),
                    "checkout-unknown", null, reason);
        }
        return changes.changeKnown(payment, p -> withCheckout(p, ProviderStatuses.toPayment(session.status()),
                session.providerReference(), session.redirectUrl(), session.expiresAt(), clock.instant()),
                "checkout-opened", null, "checkout " + session.providerReference());
    }

    // ---- read ------------------------------------------------------------------------------

    @Override
    public Optional<Payment> find(String paymentId) {
        return changes.find(paymentId);
    }

    private Payment require(String paymentId) {
        return changes.require(paymentId);
    }

    @Override
    public List<Payment> findFor(String locationId, String purpose, String reference) {
        return store.inTransaction(db -> ledger.findFor(db, locationId, purpose, reference));
    }

    @Override
    public PaymentPage search(PaymentQuery query) {
        return store.inTransaction(db -> search.search(db, query));
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
                CheckoutTerms terms = store.inTransaction(db -> ledger.checkoutTerms(db, paymentId)).orElseThrow();
                return openCheckout(payment, route, terms, true);
            }
            return payment;
        }
        PaymentSnapshot snapshot = call(() -> route.provider().fetchState(route.account(), payment.providerReference()),
                payment.providerId());
        return applySnapshot(paymentId, snapshot, "refreshed");
    }

    private Payment applySnapshot(String paymentId, PaymentSnapshot snapshot, String eventType) {
        return changes.change(paymentId, p -> {
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
                return changes.change(paymentId, p -> withStatus(p, PaymentStatus.CANCELED, clock.instant()), "canceled", null,
                        "no checkout was opened");
            }
        }
        Route route = router.forConnection(payment.connectionId());
        String reference = payment.providerReference();
        PaymentSnapshot snapshot = call(() -> route.provider().cancelCheckout(route.account(), reference), payment.providerId());
        return applySnapshot(paymentId, snapshot, "cancel");
    }

    // ---- refunds and webhooks --------------------------------------------------------------

    @Override
    public Payment refund(String paymentId, Money amount, String idempotencyKey) {
        Payment payment = require(paymentId);
        if (payment.status().isOpen()) {
            // Its outcome may have reached the provider and not Tender yet: ask before refusing the refund.
            try {
                refresh(paymentId);
            } catch (TenderException e) {
                LOG.info("Payment {} could not be refreshed before its refund: {}", paymentId, e.getMessage());
            }
        }
        return refunds.refund(paymentId, amount, idempotencyKey);
    }

    @Override
    public Optional<Payment> acceptWebhook(String connectionId, WebhookRequest request) {
        return webhooks.acceptOrPark(connectionId, request);
    }

    /** Applies the webhooks kept while their provider was away, now that it may be back. @return how many were settled */
    int replayParkedWebhooks() {
        return webhooks.replayParked();
    }

    /** Attempts the stored webhook events that are due. @return how many were attempted */
    int processDueWebhooks() {
        return webhooks.processDue(DUE_BATCH);
    }

    @Override
    public List<InboxedWebhook> events(InboxedWebhook.State state, String before, int limit) {
        return webhooks.events(state, before, limit);
    }

    @Override
    public InboxedWebhook retry(String id) {
        return webhooks.retry(id);
    }

    /** A provider call whose failure leaves the ledger as it is. */
    private <T> T call(ProviderCall<T> call, String providerId) {
        try {
            return call.run();
        } catch (ProviderException e) {
            throw new TenderException(TenderException.Reason.PROVIDER_UNAVAILABLE, null,
                    providerId + " could not be asked: " + e.kind() + ": " + e.getMessage());
        } catch (TenderException e) {
            throw e; // the provider did not come back in time: the call never reached it
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
