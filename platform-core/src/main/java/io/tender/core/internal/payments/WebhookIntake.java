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

    /** Webhooks a connection may keep waiting for its provider; more are only answered 503. */
    static final int MAX_PARKED_PER_CONNECTION = 10_000;
    /** Larger bodies are not kept (a provider's notification is a few kilobytes). */
    static final int MAX_PARKED_BYTES = 256 * 1024;
    /** Replays that found the provider but got no verdict (it failed or timed out) before a webhook is given up. */
    static final int MAX_REPLAYS = 20;

    /**
     * Applies a webhook. If its provider is away longer than calls wait for it, the webhook is kept
     * and applied once the provider is back ({@link #replayParked}), and the sender is still told
     * 503, so that it delivers it again: a copy signed afresh verifies even when the kept one has
     * outlived the provider's signature tolerance. Event ids make the two apply once.
     */
    Optional<Payment> acceptOrPark(String connectionId, WebhookRequest request) {
        try {
            return accept(connectionId, request);
        } catch (TenderException e) {
            if (e.reason() != TenderException.Reason.PROVIDER_NOT_INSTALLED || request.body().length > MAX_PARKED_BYTES) {
                throw e;
            }
            boolean kept = store.inTransaction(db -> {
                if (parked.waiting(db, connectionId) >= MAX_PARKED_PER_CONNECTION) {
                    return false;
                }
                parked.park(db, connectionId, request, clock.instant());
                return true;
            });
            if (kept) {
                LOG.info("Webhook for connection {} kept until its provider is back", connectionId);
            }
            throw new TenderException(TenderException.Reason.PROVIDER_UNAVAILABLE, null, "the provider of this connection is"
                    + " away" + (kept ? "; the webhook is kept and applied when it is back" : "") + "; send it again later");
        }
    }

    /**
     * Applies the kept webhooks of the connections whose provider is back, oldest first. Each is
     * claimed before it is applied, so two replayers never apply one twice.
     *
     * @return how many were settled
     */
    int replayParked() {
        int settled = 0;
        for (String connectionId : store.inTransaction(parked::waitingConnections)) {
            if (!router.providerAvailable(connectionId)) {
                continue; // still away: its webhooks do not hold up the others'
            }
            for (ParkedWebhooks.Parked webhook : store.inTransaction(db -> parked.due(db, connectionId, 100))) {
                if (!store.inTransaction(db -> parked.claim(db, webhook.id()))) {
                    continue;
                }
                String status;
                String reason = null;
                try {
                    accept(connectionId, webhook.request());
                    status = ParkedWebhooks.APPLIED;
                } catch (TenderException e) {
                    boolean noVerdict = e.reason() == TenderException.Reason.PROVIDER_NOT_INSTALLED
                            || e.reason() == TenderException.Reason.PROVIDER_UNAVAILABLE;
                    status = !noVerdict ? ParkedWebhooks.REJECTED
                            : webhook.attempts() + 1 >= MAX_REPLAYS ? ParkedWebhooks.EXPIRED : ParkedWebhooks.PARKED;
                    reason = e.getMessage();
                    if (!noVerdict) {
                        LOG.warn("Kept webhook {} for connection {} rejected once its provider was back: {}", webhook.id(),
                                connectionId, reason);
                    }
                } catch (RuntimeException e) {
                    status = webhook.attempts() + 1 >= MAX_REPLAYS ? ParkedWebhooks.EXPIRED : ParkedWebhooks.PARKED;
                    reason = e.toString();
                }
                String outcome = status;
                String why = reason;
                store.inTransaction(db -> {
                    parked.settle(db, webhook.id(), outcome, why);
                    return null;
                });
                settled++;
            }
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
