package io.tender.core.internal.payments;

import static io.tender.core.internal.payments.PaymentUpdates.changed;

import io.tender.api.Money;
import io.tender.api.Payment;
import io.tender.api.PaymentStatus;
import io.tender.api.TenderException;
import io.tender.core.internal.ledger.PaymentLedger;
import io.tender.core.internal.routing.RunningServices;
import io.tender.core.internal.store.TenderStore;
import java.time.Clock;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes changes to payments: each under the payment's row lock, with the event that records it,
 * and tells the payment's method once the payment reaches its outcome.
 */
final class PaymentChanges {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentChanges.class);

    private final TenderStore store;
    private final RunningServices running;
    private final Clock clock;
    private final PaymentLedger ledger;

    PaymentChanges(TenderStore store, PaymentLedger ledger, RunningServices running, Clock clock) {
        this.store = store;
        this.ledger = ledger;
        this.running = running;
        this.clock = clock;
    }

    Optional<Payment> find(String paymentId) {
        return store.inTransaction(db -> ledger.find(db, paymentId));
    }

    Payment require(String paymentId) {
        return find(paymentId).orElseThrow(() -> TenderException.notFound("paymentId", "no payment '" + paymentId + "'"));
    }

    /**
     * Changes a payment under its row lock. A change the ledger must refuse (an illegal transition)
     * is recorded as an ignored event and leaves the payment as it was.
     */
    Payment change(String paymentId, UnaryOperator<Payment> update, String eventType, Money amount, String detail) {
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

    /**
     * Changes a payment the caller has just read or written, without taking its row lock first: the
     * change is written only if the row still holds what {@code known} holds, and otherwise made by
     * {@link #change} on the row as it is now. Opening a checkout, right after the payment's insert,
     * saves a locking read this way, the costliest statement of a payment's creation on H2 (which
     * parses a SELECT ... FOR UPDATE anew every time).
     */
    Payment changeKnown(Payment known, UnaryOperator<Payment> update, String eventType, Money amount, String detail) {
        Payment next = update.apply(known);
        if (!changed(known, next) || next.status() != known.status() && !known.status().canMoveTo(next.status())) {
            return change(known.id(), update, eventType, amount, detail);
        }
        boolean written = store.inTransaction(db -> ledger.updateIfUnchanged(db, known, next, eventType, amount, detail));
        if (!written) {
            return change(known.id(), update, eventType, amount, detail);
        }
        notifySettled(known, next);
        return next;
    }

    void appendNote(String paymentId, String type, Money amount, String detail) {
        store.inTransaction(db -> {
            Payment current = ledger.lock(db, paymentId).orElseThrow();
            ledger.appendEvent(db, paymentId, type, current.status(), current.status(), amount, detail, clock.instant());
            return null;
        });
    }

    /** Tells the payment's method once the payment reached a final outcome. */
    void notifySettled(Payment before, Payment after) {
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

}
