package io.tender.core.internal.sales;

import io.tender.api.Money;
import io.tender.api.TenderException;
import io.tender.api.sales.GiftCard;
import io.tender.api.sales.GiftCardMovement;
import io.tender.core.internal.store.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/** SQL for gift cards and their movements. Callers own the transaction; balances change under the card's row lock. */
final class GiftCards {

    private static final String SELECT = "SELECT code, location_id, item_id, initial_minor, balance_minor, currency,"
            + " single_use, valid_until, locations, services, client_email, payment_id, issued_at FROM gift_card";

    private GiftCards() {
    }

    static void insert(Connection db, GiftCard card) throws SQLException {
        Sql.execute(db, "INSERT INTO gift_card (code, location_id, item_id, initial_minor, balance_minor, currency, single_use,"
                + " valid_until, locations, services, client_email, payment_id, issued_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", s -> {
                    s.setString(1, card.code());
                    s.setString(2, card.locationId());
                    s.setString(3, card.itemId());
                    s.setLong(4, card.initial().minorUnits());
                    s.setLong(5, card.balance().minorUnits());
                    s.setString(6, card.initial().currency().getCurrencyCode());
                    s.setBoolean(7, card.singleUse());
                    s.setTimestamp(8, card.validUntil() == null ? null : Timestamp.from(card.validUntil()));
                    s.setString(9, IdLists.join(card.locations()));
                    s.setString(10, IdLists.join(card.services()));
                    s.setString(11, card.clientEmail());
                    s.setString(12, card.paymentId());
                    s.setTimestamp(13, Timestamp.from(card.issuedAt()));
                });
        movement(db, card.code(), "issued", card.initial().minorUnits(), card.balance().minorUnits(), null, card.issuedAt());
    }

    static Optional<GiftCard> find(Connection db, String code) throws SQLException {
        return Sql.first(db, SELECT + " WHERE code = ?", GiftCards::card, String.valueOf(code));
    }

    static Optional<GiftCard> lock(Connection db, String code) throws SQLException {
        return Sql.first(db, SELECT + " WHERE code = ? FOR UPDATE", GiftCards::card, String.valueOf(code));
    }

    static Optional<GiftCard> ofPayment(Connection db, String paymentId) throws SQLException {
        return Sql.first(db, SELECT + " WHERE payment_id = ?", GiftCards::card, String.valueOf(paymentId));
    }

    private static GiftCard card(ResultSet rows) throws SQLException {
        Currency currency = Currency.getInstance(rows.getString(6));
        Timestamp validUntil = rows.getTimestamp(8);
        return new GiftCard(rows.getString(1), rows.getString(2), rows.getString(3), new Money(rows.getLong(4), currency),
                new Money(rows.getLong(5), currency), rows.getBoolean(7), validUntil == null ? null : validUntil.toInstant(),
                IdLists.split(rows.getString(9)), IdLists.split(rows.getString(10)), rows.getString(11), rows.getString(12),
                rows.getTimestamp(13).toInstant());
    }

    /** @return the amount a key redeemed before, if it did */
    static Optional<Long> replayed(Connection db, String code, String key) throws SQLException {
        return Sql.first(db, "SELECT amount_minor FROM gift_card_movement WHERE code = ? AND idempotency_key = ?",
                rows -> rows.getLong(1), code, key);
    }

    static void setBalance(Connection db, String code, long balance) throws SQLException {
        Sql.execute(db, "UPDATE gift_card SET balance_minor = ? WHERE code = ?", s -> {
            s.setLong(1, balance);
            s.setString(2, code);
        });
    }

    static void movement(Connection db, String code, String type, long amount, long balance, String key, Instant at)
            throws SQLException {
        Sql.execute(db, "INSERT INTO gift_card_movement (code, type, amount_minor, balance_minor, idempotency_key, at)"
                + " VALUES (?, ?, ?, ?, ?, ?)", s -> {
                    s.setString(1, code);
                    s.setString(2, type);
                    s.setLong(3, amount);
                    s.setLong(4, balance);
                    s.setString(5, key);
                    s.setTimestamp(6, Timestamp.from(at));
                });
    }

    static List<GiftCardMovement> movements(Connection db, GiftCard card) throws SQLException {
        Currency currency = card.balance().currency();
        return Sql.list(db, "SELECT seq, code, type, amount_minor, balance_minor, at FROM gift_card_movement"
                + " WHERE code = ? ORDER BY seq", rows -> new GiftCardMovement(rows.getLong(1), rows.getString(2),
                        rows.getString(3), new Money(rows.getLong(4), currency), new Money(rows.getLong(5), currency),
                        rows.getTimestamp(6).toInstant()), card.code());
    }

    /** Refuses a redemption the card's terms do not allow. */
    /** @throws TenderException on {@code locationId} unless the card may be used at the location */
    static void checkLocation(GiftCard card, String locationId) {
        if (!card.validAt(locationId)) {
            throw TenderException.invalid("locationId", "this gift card is not valid at location '" + locationId + "'");
        }
    }

    static void checkRedeemable(GiftCard card, String locationId, String serviceId, Money amount, Instant now) {
        checkLocation(card, locationId);
        if (!card.services().isEmpty() && (serviceId == null || !card.services().contains(serviceId))) {
            throw TenderException.invalid("serviceId", "this gift card pays only for " + String.join(", ", card.services()));
        }
        if (card.validUntil() != null && !now.isBefore(card.validUntil())) {
            throw TenderException.conflict("code", "this gift card expired on " + card.validUntil());
        }
        if (!amount.currency().equals(card.balance().currency())) {
            throw TenderException.invalid("currency", "the card is in " + card.balance().currency().getCurrencyCode());
        }
        if (card.balance().minorUnits() == 0) {
            throw TenderException.conflict("code", "this gift card is used up");
        }
        if (amount.compareTo(card.balance()) > 0) {
            throw TenderException.invalid("amount", "at most " + card.balance() + " is left on this card");
        }
    }
}
