package io.tender.core.internal.payments;

import static io.tender.core.internal.payments.PaymentUpdates.withStatus;

import io.tender.api.Payment;
import io.tender.api.PaymentStatus;
import io.tender.api.TenderException;
import io.tender.api.provider.ProviderEvent;
import io.tender.api.provider.ProviderStatus;
import io.tender.api.provider.WebhookRejectedException;
import io.tender.api.provider.WebhookRequest;
import io.tender.api.webhook.InboxedWebhook;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provider notifications: verified by the provider of the connection they were sent to, stored in
 * the inbox with their provider event id before they are answered (once per event id, so a
 * delivery again is a no-op), then applied, never moving a payment backwards. An event whose
 * application fails is retried with backoff by {@link #processDue} on any node, and left as a dead
 * letter after {@link #MAX_ATTEMPTS}.
 */
final class WebhookIntake {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookIntake.class);

    private final TenderStore store;
    private final PaymentRouter router;
    private final PaymentChanges changes;
    private final Refunds refundDesk;
    private final Clock clock;
    private final PaymentLedger ledger;
    private final RefundLedger refunds = new RefundLedger();
    private final WebhookReceipts receipts = new WebhookReceipts();
    private final ParkedWebhooks parked = new ParkedWebhooks();
    private final InboxEntries inbox = new InboxEntries();

    WebhookIntake(TenderStore store, PaymentLedger ledger, PaymentRouter router, PaymentChanges changes, Refunds refundDesk,
            Clock clock) {
        this.store = store;
        this.ledger = ledger;
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
    /** Attempts to apply a stored event before it is a dead letter. */
    static final int MAX_ATTEMPTS = 8;
    /** Attempts to find the payment an event names before it is left as unmatched (made outside Tender). */
    static final int UNMATCHED_AFTER = 3;
    /** How long one attempt holds an event; a node that stops mid-attempt loses it then. */
    static final Duration ATTEMPT_LEASE = Duration.ofMinutes(2);
    /** The wait before attempt n + 1 (index n - 1): seconds first, then hours, about 9 hours in all. */
    private static final List<Duration> BACKOFF = List.of(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30),
            Duration.ofMinutes(2), Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofHours(6));

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

    /**
     * Verifies a webhook, stores its event and makes the first attempt to apply it. The event is
     * stored before this returns, whatever the attempt's outcome: the sender is answered 200 then.
     *
     * @return the payment as the event left it, if the first attempt applied it
     */
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
        if (event.eventId() == null || event.eventId().isBlank() || event.eventId().length() > 255) {
            throw TenderException.invalid("eventId", "the provider read no usable event id from this webhook");
        }
        Instant now = clock.instant();
        InboxEntries.Entry stored;
        try {
            stored = store.inTransaction(db -> inbox.store(db, connectionId, event, request, now, ATTEMPT_LEASE));
        } catch (StoreException e) {
            if (!e.isDuplicateKey()) {
                throw e;
            }
            // The same event, stored before or at this moment by another delivery: nothing more to do.
            return store.inTransaction(db -> paymentOf(db, connectionId, event));
        }
        return attempt(stored);
    }

    /**
     * Attempts the stored events that are due, and those whose node stopped mid-attempt; each is
     * claimed first, so two nodes never attempt one at once.
     *
     * @return how many were attempted
     */
    int processDue(int limit) {
        Instant now = clock.instant();
        int attempted = 0;
        for (String id : store.inTransaction(db -> inbox.due(db, now, limit))) {
            Optional<InboxEntries.Entry> claimed = store.inTransaction(db -> inbox.claim(db, id, clock.instant(), ATTEMPT_LEASE));
            if (claimed.isPresent()) {
                attempt(claimed.get());
                attempted++;
            }
        }
        return attempted;
    }

    /** @return the events in the inbox, newest first */
    List<InboxedWebhook> events(InboxedWebhook.State state, String before, int limit) {
        if (limit < 1 || limit > 500) {
            throw TenderException.invalid("limit", "must be 1 to 500");
        }
        return store.inTransaction(db -> inbox.list(db, state, before, limit));
    }

    /** Sends a dead or unmatched event through again, now. */
    InboxedWebhook retry(String id) {
        InboxedWebhook found = store.inTransaction(db -> inbox.find(db, id))
                .orElseThrow(() -> TenderException.notFound("id", "no webhook event '" + id + "'"));
        if (!store.inTransaction(db -> inbox.requeue(db, id, clock.instant()))) {
            throw TenderException.conflict("id", "the event is " + found.state() + "; only DEAD and UNMATCHED events are retried");
        }
        store.inTransaction(db -> inbox.claim(db, id, clock.instant(), ATTEMPT_LEASE)).ifPresent(this::attempt);
        return store.inTransaction(db -> inbox.find(db, id)).orElseThrow();
    }

    /** A payment before and after an event: the same when the event changed nothing. */
    private record Applied(Payment before, Payment after) {
    }

    /**
     * One attempt at a claimed event, in one transaction: find its payment, apply the event under
     * the payment's lock, and mark the event processed or not matched yet. A failure is not thrown:
     * the attempt is rolled back and the event tried again later, or left dead.
     */
    private Optional<Payment> attempt(InboxEntries.Entry entry) {
        ProviderEvent event = entry.event();
        String connectionId = entry.connectionId();
        try {
            Optional<Applied> applied;
            try {
                applied = store.inTransaction(db -> {
                    Optional<Payment> found = paymentOf(db, connectionId, event);
                    if (found.isEmpty()) {
                        settle(db, entry, entry.attempts() >= UNMATCHED_AFTER ? InboxedWebhook.State.UNMATCHED
                                : InboxedWebhook.State.RECEIVED, null, "no payment with this reference is known (yet)");
                        return Optional.<Applied>empty();
                    }
                    Applied change = applyEvent(db, connectionId, found.get().id(), event);
                    settle(db, entry, InboxedWebhook.State.PROCESSED, change.after().id(), null);
                    return Optional.of(change);
                });
            } catch (StoreException e) {
                if (!e.isDuplicateKey()) {
                    throw e;
                }
                // Applied at this moment by another attempt, which told the method: only this event is settled.
                Payment now = store.inTransaction(db -> {
                    Payment payment = paymentOf(db, connectionId, event).orElseThrow();
                    settle(db, entry, InboxedWebhook.State.PROCESSED, payment.id(), null);
                    return payment;
                });
                return Optional.of(now);
            }
            if (applied.isEmpty()) {
                if (entry.attempts() >= UNMATCHED_AFTER) {
                    LOG.warn("Webhook event {} for connection {} concerns no known payment", event.eventId(), connectionId);
                }
                return Optional.empty();
            }
            changes.notifySettled(applied.get().before(), applied.get().after());
            return Optional.of(applied.get().after());
        } catch (RuntimeException e) {
            boolean dead = entry.attempts() >= MAX_ATTEMPTS;
            LOG.warn("Webhook event {} for connection {} could not be applied (attempt {}{}): {}", event.eventId(),
                    connectionId, entry.attempts(), dead ? ", the last: left as a dead letter" : "", e.toString());
            try {
                store.inTransaction(db -> {
                    settle(db, entry, dead ? InboxedWebhook.State.DEAD : InboxedWebhook.State.RECEIVED, null, e.toString());
                    return null;
                });
            } catch (RuntimeException unsettled) {
                // The store is away: the lease runs out and the event is attempted again.
                LOG.warn("Webhook event {} stays claimed until its lease ends: {}", event.eventId(), unsettled.toString());
            }
            return Optional.empty();
        }
    }

    private void settle(Connection db, InboxEntries.Entry entry, InboxedWebhook.State state, String paymentId, String error)
            throws SQLException {
        Instant next = state == InboxedWebhook.State.RECEIVED
                ? clock.instant().plus(BACKOFF.get(Math.min(entry.attempts(), BACKOFF.size()) - 1)) : null;
        inbox.settle(db, entry.id(), state, paymentId, error, next);
    }

    private Optional<Payment> paymentOf(Connection db, String connectionId, ProviderEvent event) throws SQLException {
        Optional<Payment> byReference = event.providerReference() == null ? Optional.empty()
                : ledger.findByProviderReference(db, connectionId, event.providerReference());
        // Else by Tender's own id (the reference may not be stored yet, after an unknown outcome),
        // but only a payment made through this very connection.
        return byReference.isPresent() || event.paymentId() == null ? byReference
                : ledger.find(db, event.paymentId()).filter(p -> p.connectionId().equals(connectionId));
    }

    private Applied applyEvent(Connection db, String connectionId, String paymentId, ProviderEvent event) throws SQLException {
        Payment current = ledger.lock(db, paymentId).orElseThrow();
        if (receipts.seen(db, connectionId, event.eventId())) {
            return new Applied(current, current);
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
        return new Applied(current, result);
    }

}
