package io.tender.core.internal.payments;

import static io.tender.core.internal.payments.PaymentUpdates.withStatus;

import io.tender.api.Payment;
import io.tender.api.PaymentStatus;
import io.tender.api.TenderException;
import io.tender.api.provider.ProviderEvent;
import io.tender.api.provider.ProviderStatus;
import io.tender.api.provider.WebhookRejectedException;
import io.tender.api.provider.WebhookRequest;
import io.tender.core.internal.ledger.PaymentLedger;
import io.tender.core.internal.ledger.RefundLedger;
import io.tender.core.internal.ledger.RefundLedger.Refund;
import io.tender.core.internal.ledger.WebhookReceipts;
import io.tender.core.internal.routing.PaymentRouter;
import io.tender.core.internal.routing.Route;
import io.tender.core.internal.store.StoreException;
import io.tender.core.internal.store.TenderStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provider notifications: verified by the provider of the connection they were sent to, applied
 * once per provider event id, never moving a payment backwards.
 */
final class WebhookIntake {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookIntake.class);

    private final TenderStore store;
    private final PaymentRouter router;
    private final PaymentChanges changes;
    private final Refunds refundDesk;
    private final Clock clock;
    private final PaymentLedger ledger = new PaymentLedger();
    private final RefundLedger refunds = new RefundLedger();
    private final WebhookReceipts receipts = new WebhookReceipts();
    private final ParkedWebhooks parked = new ParkedWebhooks();

    WebhookIntake(TenderStore store, PaymentRouter router, PaymentChanges changes, Refunds refundDesk, Clock clock) {
        this.store = store;
        this.router = router;
        this.changes = changes;
        this.refundDesk = refundDesk;
        this.clock = clock;
    }

    /** Webhooks a connection may keep waiting for its provider; more are refused with 503 and sent again later. */
    static final int MAX_PARKED_PER_CONNECTION = 10_000;

    /**
     * Applies a webhook, or keeps it if its provider is away longer than calls wait for it: it is
     * applied once the provider is back ({@link #replayParked}). Never dropped.
     */
    Optional<Payment> acceptOrPark(String connectionId, WebhookRequest request) {
        try {
            return accept(connectionId, request);
        } catch (TenderException e) {
            if (e.reason() != TenderException.Reason.PROVIDER_NOT_INSTALLED) {
                throw e;
            }
            store.inTransaction(db -> {
                if (parked.waiting(db, connectionId) >= MAX_PARKED_PER_CONNECTION) {
                    throw new TenderException(TenderException.Reason.PROVIDER_UNAVAILABLE, null,
                            "too many webhooks wait for this connection's provider; send it again later");
                }
                parked.park(db, connectionId, request, clock.instant());
                return null;
            });
            LOG.info("Webhook for connection {} kept until its provider is back", connectionId);
            return Optional.empty();
        }
    }

    /**
     * Applies the kept webhooks whose provider is back, oldest first.
     *
     * @return how many were settled (applied or rejected)
     */
    int replayParked() {
        int settled = 0;
        for (ParkedWebhooks.Parked webhook : store.inTransaction(db -> parked.due(db, 100))) {
            if (!router.providerAvailable(webhook.connectionId())) {
                continue;
            }
            String status;
            String reason = null;
            try {
                accept(webhook.connectionId(), webhook.request());
                status = ParkedWebhooks.APPLIED;
            } catch (TenderException e) {
                if (e.reason() == TenderException.Reason.PROVIDER_NOT_INSTALLED || e.reason() == TenderException.Reason.PROVIDER_UNAVAILABLE) {
                    continue; // away again: next time
                }
                status = ParkedWebhooks.REJECTED;
                reason = e.getMessage();
                LOG.warn("Kept webhook {} for connection {} rejected once its provider was back: {}", webhook.id(),
                        webhook.connectionId(), reason);
            }
            String outcome = status;
            String why = reason;
            store.inTransaction(db -> {
                parked.settle(db, webhook.id(), outcome, why);
                return null;
            });
            settled++;
        }
        return settled;
    }

    Optional<Payment> accept(String connectionId, WebhookRequest request) {
        Route route = router.forConnection(connectionId);
        ProviderEvent event;
        try {
            event = route.provider().parseWebhook(route.account(), request);
        } catch (WebhookRejectedException e) {
            LOG.warn("Webhook for connection {} rejected: {}", connectionId, e.getMessage());
            throw TenderException.invalid("signature", "webhook rejected: " + e.getMessage());
        } catch (TenderException e) {
            throw e; // the provider did not come back in time: 503, and the sender delivers it again later
        } catch (RuntimeException e) {
            // A provider that chokes on hostile input has still not verified it: refuse, do not fail.
            LOG.warn("Webhook for connection {} not readable by {}: {}", connectionId, route.connection().providerId(),
                    e.getClass().getSimpleName());
            throw TenderException.invalid("signature", "webhook rejected: not readable");
        }
        if (event.kind() == ProviderEvent.Kind.IGNORED) {
            return Optional.empty();
        }
        Optional<Payment> before = store.inTransaction(db -> {
            Optional<Payment> byReference = event.providerReference() == null ? Optional.empty()
                    : ledger.findByProviderReference(db, connectionId, event.providerReference());
            // Else by Tender's own id (the reference may not be stored yet, after an unknown outcome),
            // but only a payment made through this very connection.
            return byReference.isPresent() || event.paymentId() == null ? byReference
                    : ledger.find(db, event.paymentId()).filter(p -> p.connectionId().equals(connectionId));
        });
        if (before.isEmpty()) {
            LOG.warn("Webhook event {} for connection {} concerns no known payment", event.eventId(), connectionId);
            return Optional.empty();
        }
        Payment after;
        try {
            after = store.inTransaction(db -> applyEvent(db, connectionId, before.get().id(), event));
        } catch (StoreException e) {
            if (e.isDuplicateKey()) {
                return changes.find(before.get().id()); // the same event, applied concurrently by another delivery
            }
            throw e;
        }
        changes.notifySettled(before.get(), after);
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
            // Tender's own refund id matches even before the provider's id was stored.
            Optional<Refund> refund = event.refundId() != null
                    ? refunds.find(db, event.refundId()).filter(r -> r.paymentId().equals(paymentId))
                    : refunds.findByProviderReference(db, paymentId, event.refundReference());
            if (event.status() == ProviderStatus.SUCCEEDED && refund.isPresent()) {
                result = refundDesk.complete(db, refund.get().id(), event.refundReference());
            } else if (event.status() == ProviderStatus.DECLINED && refund.isPresent()) {
                result = refundDesk.fail(db, refund.get().id(), event.eventId() + " reports the refund failed");
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

}
