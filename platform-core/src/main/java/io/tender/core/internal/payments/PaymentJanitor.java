package io.tender.core.internal.payments;

import io.tender.api.Payment;
import io.tender.api.TenderException;
import io.tender.core.internal.ledger.PaymentLedger;
import io.tender.core.internal.store.Sql;
import io.tender.core.internal.store.TenderStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciliation: asks the provider about every payment still open and quiet for a while (5
 * minutes by default: nothing reached Tender about it since its last change), on a schedule that
 * backs off in proportion: then 12 times that later (an hour; its checkout has expired by then),
 * then every 288 times that (daily). A payment still
 * open after {@link #ATTENTION_AFTER} checks, or whose provider cannot be asked, is flagged for an
 * admin. Each check is claimed with a compare-and-set on the row, so nodes sharing the database
 * never check one payment twice at once. It also closes the checkouts of links whose time ran out.
 */
final class PaymentJanitor {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentJanitor.class);
    /** The wait after check n (index n - 1), in quiet times; the last repeats. */
    private static final List<Integer> AFTER_CHECK = List.of(12, 288);
    /** Checks after which a payment still open is flagged for an admin. */
    static final int ATTENTION_AFTER = 3;

    /** Refreshes one payment from its provider. */
    @FunctionalInterface
    interface Refresher {
        Payment refresh(String paymentId);
    }

    private final TenderStore store;
    private final Refresher refresher;
    private final Function<String, Payment> canceller;
    private final Clock clock;
    private final PaymentLedger ledger;

    /**
     * @param ledger    the ledger, whose quiet time is how long an open payment goes without news before it is first checked
     * @param canceller cancels an open payment by id (used for the checkouts of expired links)
     */
    PaymentJanitor(TenderStore store, PaymentLedger ledger, Refresher refresher, Function<String, Payment> canceller, Clock clock) {
        this.store = store;
        this.ledger = ledger;
        this.refresher = refresher;
        this.canceller = canceller;
        this.clock = clock;
    }

    private record Due(String id, int checks) {
    }

    /**
     * Checks the open payments that are due.
     *
     * @return how many this node checked
     */
    int reconcileDue(int limit) {
        Instant now = clock.instant();
        List<Due> due = store.inTransaction(db -> due(db, now, limit));
        int checked = 0;
        for (Due payment : due) {
            int check = payment.checks() + 1;
            Instant next = now.plus(ledger.quiet().multipliedBy(AFTER_CHECK.get(Math.min(check, AFTER_CHECK.size()) - 1)));
            if (!store.inTransaction(db -> claim(db, payment, next))) {
                continue; // another node took it
            }
            checked++;
            String problem = null;
            Payment after = null;
            try {
                after = refresher.refresh(payment.id());
            } catch (TenderException | IllegalStateException e) {
                problem = "its provider could not be asked: " + e.getMessage();
            } catch (RuntimeException e) {
                LOG.warn("Reconciling payment {} failed", payment.id(), e);
                problem = "checking it failed: " + e;
            }
            if (after != null && !after.status().isOpen()) {
                LOG.info("Reconciled payment {}: {}", payment.id(), after.status());
                continue;
            }
            if (check >= ATTENTION_AFTER) {
                String reason = problem != null ? problem : "still " + (after == null ? "open" : after.status())
                        + " at its provider after " + check + " checks";
                flag(payment.id(), reason);
            }
        }
        return checked;
    }

    /**
     * The open payments whose check is due, soonest first: one range of the {@code next_check_at}
     * index, which the ledger keeps set on every open payment and clears on closed ones, so a batch
     * costs its own rows, not a read of every payment still open (docs/bench/DueQueries.java). The
     * range has a lower bound because H2 sorts NULLs first in an index and would read past every
     * closed payment to reach the first due one.
     */
    private static List<Due> due(Connection db, Instant now, int limit) throws SQLException {
        try (var select = db.prepareStatement("SELECT id, checks FROM payment WHERE next_check_at BETWEEN ? AND ?"
                + " AND status IN ('CREATED', 'PENDING', 'REQUIRES_ACTION', 'UNKNOWN') ORDER BY next_check_at")) {
            select.setTimestamp(1, Timestamp.from(Instant.EPOCH));
            select.setTimestamp(2, Timestamp.from(now));
            select.setMaxRows(limit);
            List<Due> due = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    due.add(new Due(rows.getString(1), rows.getInt(2)));
                }
            }
            return due;
        }
    }

    private static boolean claim(Connection db, Due payment, Instant next) throws SQLException {
        return Sql.execute(db, "UPDATE payment SET checks = checks + 1, next_check_at = ? WHERE id = ? AND checks = ?", s -> {
            s.setTimestamp(1, Timestamp.from(next));
            s.setString(2, payment.id());
            s.setInt(3, payment.checks());
        }) == 1;
    }

    private void flag(String paymentId, String reason) {
        Instant now = clock.instant();
        store.inTransaction(db -> {
            Payment current = ledger.find(db, paymentId).orElseThrow();
            boolean first = Sql.first(db, "SELECT 1 FROM payment WHERE id = ? AND attention IS NULL", rows -> rows.getInt(1),
                    paymentId).isPresent();
            Sql.execute(db, "UPDATE payment SET attention = ? WHERE id = ?", s -> {
                s.setString(1, reason.length() > 500 ? reason.substring(0, 500) : reason);
                s.setString(2, paymentId);
            });
            if (first) {
                ledger.appendEvent(db, paymentId, "needs-attention", current.status(), current.status(), null, reason, now);
            }
            return null;
        });
        LOG.warn("Payment {} needs an admin: {}", paymentId, reason);
    }

    /** @return the open payments flagged for an admin at the location, oldest first */
    List<Payment> needingAttention(String locationId, int limit) {
        if (limit < 1 || limit > 500) {
            throw TenderException.invalid("limit", "must be 1 to 500");
        }
        return store.inTransaction(db -> {
            try (var select = db.prepareStatement("SELECT id FROM payment WHERE location_id = ? AND attention IS NOT NULL"
                    + " AND status IN ('CREATED', 'PENDING', 'REQUIRES_ACTION', 'UNKNOWN') ORDER BY created_at")) {
                select.setString(1, locationId);
                select.setMaxRows(limit);
                List<Payment> flagged = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        ledger.find(db, rows.getString(1)).ifPresent(flagged::add);
                    }
                }
                return flagged;
            }
        });
    }

    /**
     * Marks open links whose time ran out as EXPIRED and closes the checkouts opened for them, so
     * that a client who kept the page open cannot pay an expired link.
     *
     * @return how many links were swept
     */
    int sweepExpiredLinks(int limit) {
        Instant now = clock.instant();
        List<String[]> expired = store.inTransaction(db -> {
            List<String[]> links = new ArrayList<>();
            try (var select = db.prepareStatement("SELECT token, location_id FROM payment_link WHERE status = 'OPEN'"
                    + " AND expires_at <= ?")) {
                select.setTimestamp(1, Timestamp.from(now));
                select.setMaxRows(limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        links.add(new String[] {rows.getString(1), rows.getString(2)});
                    }
                }
            }
            return links;
        });
        int swept = 0;
        for (String[] link : expired) {
            List<Payment> made = store.inTransaction(db -> ledger.findFor(db, link[1], "link", link[0]));
            if (made.stream().anyMatch(p -> p.status().isCaptured())) {
                continue; // paid in time: the link is marked paid, not expired
            }
            List<Payment> open = made.stream().filter(p -> p.status().isOpen()).toList();
            boolean closed = true;
            for (Payment payment : open) {
                try {
                    if (canceller.apply(payment.id()).status().isCaptured()) {
                        closed = false; // paid after all: the link is marked paid, not expired
                    }
                } catch (RuntimeException e) {
                    closed = false; // its provider is away: tried again on the next sweep
                    LOG.info("The checkout of expired link {} stays open for now: {}", link[0], e.getMessage());
                }
            }
            if (closed && store.inTransaction(db -> Sql.execute(db, "UPDATE payment_link SET status = 'EXPIRED'"
                    + " WHERE token = ? AND status = 'OPEN'", s -> s.setString(1, link[0]))) == 1) {
                swept++;
            }
        }
        return swept;
    }
}
