package io.tender.core.internal.payments;

import static io.tender.core.internal.payments.PaymentUpdates.withRefund;

import io.tender.api.Money;
import io.tender.api.Payment;
import io.tender.api.TenderException;
import io.tender.api.provider.ProviderCapability;
import io.tender.api.provider.ProviderErrorKind;
import io.tender.api.provider.ProviderException;
import io.tender.api.provider.ProviderStatus;
import io.tender.api.provider.RefundRequest;
import io.tender.api.provider.RefundResult;
import io.tender.core.internal.Fields;
import io.tender.core.internal.Ids;
import io.tender.core.internal.ledger.PaymentLedger;
import io.tender.core.internal.ledger.RefundLedger;
import io.tender.core.internal.ledger.RefundLedger.Refund;
import io.tender.core.internal.routing.PaymentRouter;
import io.tender.core.internal.routing.Route;
import io.tender.core.internal.store.TenderStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refunds: reserved in the ledger before the provider is called, bounded by what was captured
 * minus what is refunded or pending, idempotent per key, and applied once when they succeed.
 */
final class Refunds {

    private static final Logger LOG = LoggerFactory.getLogger(Refunds.class);

    private final TenderStore store;
    private final PaymentRouter router;
    private final PaymentChanges changes;
    private final Clock clock;
    private final PaymentLedger ledger;
    private final RefundLedger refunds = new RefundLedger();

    Refunds(TenderStore store, PaymentLedger ledger, PaymentRouter router, PaymentChanges changes, Clock clock) {
        this.store = store;
        this.ledger = ledger;
        this.router = router;
        this.changes = changes;
        this.clock = clock;
    }

    Payment refund(String paymentId, Money amount, String idempotencyKey) {
        Fields.idempotencyKey(idempotencyKey);
        Payment payment = changes.require(paymentId);
        Route route = router.forConnection(payment.connectionId());
        Set<ProviderCapability> capabilities = route.provider().descriptor().capabilities();
        Refund refund = store.inTransaction(db -> reserveRefund(db, paymentId, amount, idempotencyKey, capabilities));
        if (refund.status() != RefundLedger.Status.PENDING) {
            return changes.require(paymentId); // a replay of a finished refund
        }
        Money money = new Money(refund.amountMinor(), payment.amount().currency());
        RefundResult result;
        try {
            result = route.provider().refund(route.account(), new RefundRequest(refund.id(), "tender-refund-" + refund.id(),
                    payment.providerReference(), money, null));
        } catch (ProviderException e) {
            if (e.kind().outcomeUnknown()) {
                changes.appendNote(paymentId, "refund-unknown", money, refund.id() + ": " + e.getMessage());
                throw new TenderException(TenderException.Reason.PROVIDER_UNAVAILABLE, null,
                        "the refund's outcome is unknown; retry with the same idempotency key");
            }
            failRefund(refund, e.kind() + ": " + e.getMessage());
            throw new TenderException(e.kind() == ProviderErrorKind.UNAVAILABLE
                    ? TenderException.Reason.PROVIDER_UNAVAILABLE : TenderException.Reason.CONFLICT,
                    "amount", payment.providerId() + " refused the refund: " + e.getMessage());
        } catch (TenderException e) {
            throw e; // the provider did not come back in time; the refund stays pending for a retry with the same key
        } catch (RuntimeException e) {
            LOG.warn("Refund {} of payment {} ended unexpectedly", refund.id(), paymentId, e);
            throw new TenderException(TenderException.Reason.PROVIDER_UNAVAILABLE, null,
                    "the refund's outcome is unknown; retry with the same idempotency key");
        }
        if (result.status() == ProviderStatus.SUCCEEDED) {
            return store.inTransaction(db -> complete(db, refund.id(), result.providerRefundReference()));
        }
        if (result.status() == ProviderStatus.PENDING) {
            store.inTransaction(db -> {
                refunds.update(db, refund.id(), RefundLedger.Status.PENDING, result.providerRefundReference(), clock.instant());
                return null;
            });
            changes.appendNote(paymentId, "refund-pending", money, refund.id());
            return changes.require(paymentId);
        }
        failRefund(refund, "provider reports " + result.status());
        throw TenderException.conflict("amount", payment.providerId() + " declined the refund");
    }

    private Refund reserveRefund(Connection db, String paymentId, Money amount, String key,
            Set<ProviderCapability> capabilities) throws SQLException {
        Payment current = ledger.lock(db, paymentId).orElseThrow();
        if (key != null) {
            Optional<Refund> prior = refunds.findByIdempotencyKey(db, paymentId, key);
            if (prior.isPresent()) {
                if (amount != null && prior.get().amountMinor() != amount.minorUnits()) {
                    throw TenderException.keyReused("this idempotency key was used for another amount");
                }
                if (prior.get().status() == RefundLedger.Status.FAILED) {
                    throw TenderException.conflict("idempotencyKey",
                            "the refund made with this idempotency key failed; use a new key to try again");
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
        Refund refund = new Refund(Ids.ordered("re"), paymentId, requested, RefundLedger.Status.PENDING, null);
        refunds.insert(db, refund, key, clock.instant());
        ledger.appendEvent(db, paymentId, "refund-requested", current.status(), current.status(),
                new Money(requested, current.amount().currency()), refund.id(), clock.instant());
        return refund;
    }

    /**
     * Applies a succeeded refund once: to the refund, the payment's refunded total and its status.
     * Locks the payment before the refund, like every other path, so two of them never deadlock.
     */
    Payment complete(Connection db, String refundId, String providerRefundReference) throws SQLException {
        String paymentId = refunds.find(db, refundId).orElseThrow().paymentId();
        Payment current = ledger.lock(db, paymentId).orElseThrow();
        Refund refund = refunds.lock(db, refundId).orElseThrow();
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

    /** Marks a pending refund failed, which frees the amount it reserved. Payment first, then refund. */
    Payment fail(Connection db, String refundId, String reason) throws SQLException {
        String paymentId = refunds.find(db, refundId).orElseThrow().paymentId();
        Payment current = ledger.lock(db, paymentId).orElseThrow();
        Refund refund = refunds.lock(db, refundId).orElseThrow();
        if (refund.status() == RefundLedger.Status.PENDING) {
            refunds.update(db, refundId, RefundLedger.Status.FAILED, null, clock.instant());
            ledger.appendEvent(db, paymentId, "refund-failed", current.status(), current.status(),
                    new Money(refund.amountMinor(), current.amount().currency()), refundId + ": " + reason, clock.instant());
        }
        return current;
    }

    private void failRefund(Refund refund, String reason) {
        store.inTransaction(db -> fail(db, refund.id(), reason));
    }
}
