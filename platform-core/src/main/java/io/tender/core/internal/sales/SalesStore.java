package io.tender.core.internal.sales;

import io.tender.api.Money;
import io.tender.api.TenderException;
import io.tender.api.sales.GiftCard;
import io.tender.api.sales.GiftCardMovement;
import io.tender.api.sales.SaleItem;
import io.tender.api.sales.SalesService;
import io.tender.core.internal.Fields;
import io.tender.core.internal.settings.SettingsRepository;
import io.tender.core.internal.store.Sql;
import io.tender.core.internal.store.StoreException;
import io.tender.core.internal.store.TenderStore;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Sale items and gift cards, kept in the store. Balances change only under the card's row lock. */
@Component(service = SalesService.class)
public final class SalesStore implements SalesService {

    private static final char[] CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ITEM = "SELECT location_id, id, name, description, min_amount_minor, max_amount_minor,"
            + " currency, validity_days, single_use, active FROM sale_item";
    private static final String CARD = "SELECT code, location_id, item_id, initial_minor, balance_minor, currency,"
            + " single_use, valid_until, payment_id, issued_at FROM gift_card";

    private final TenderStore store;
    private final Clock clock;
    private final SettingsRepository settings = new SettingsRepository();

    @Activate
    public SalesStore(@Reference TenderStore store) {
        this(store, Clock.systemUTC());
    }

    SalesStore(TenderStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    // ---- items -------------------------------------------------------------------------------

    @Override
    public SaleItem saveItem(SaleItem item) {
        Fields.id("id", item.id());
        Fields.required("name", item.name(), 200);
        Fields.optional("description", item.description(), 1000);
        if (item.minAmount() == null || !item.minAmount().isPositive()) {
            throw TenderException.invalid("price", "must be more than 0");
        }
        Money max = item.maxAmount() == null ? item.minAmount() : item.maxAmount();
        if (!max.currency().equals(item.minAmount().currency()) || max.compareTo(item.minAmount()) < 0) {
            throw TenderException.invalid("maxPrice", "must be in the same currency and not below the price");
        }
        if (item.validityDays() != null && (item.validityDays() < 1 || item.validityDays() > 3660)) {
            throw TenderException.invalid("validityDays", "must be 1 to 3660 days");
        }
        SaleItem stored = new SaleItem(item.locationId(), item.id(), item.name().strip(), item.description(), item.minAmount(),
                max, item.validityDays(), item.singleUse(), item.active());
        return store.upsert(db -> {
            if (item.locationId() == null || settings.location(db, item.locationId()).isEmpty()) {
                throw TenderException.notFound("locationId", "no location '" + item.locationId() + "'");
            }
            Sql.Binder values = s -> {
                s.setString(1, stored.name());
                s.setString(2, stored.description());
                s.setLong(3, stored.minAmount().minorUnits());
                s.setLong(4, stored.maxAmount().minorUnits());
                s.setString(5, stored.minAmount().currency().getCurrencyCode());
                if (stored.validityDays() == null) {
                    s.setNull(6, Types.INTEGER);
                } else {
                    s.setInt(6, stored.validityDays());
                }
                s.setBoolean(7, stored.singleUse());
                s.setBoolean(8, stored.active());
                s.setTimestamp(9, Timestamp.from(clock.instant()));
                s.setString(10, stored.locationId());
                s.setString(11, stored.id());
            };
            if (Sql.execute(db, "UPDATE sale_item SET name = ?, description = ?, min_amount_minor = ?, max_amount_minor = ?,"
                    + " currency = ?, validity_days = ?, single_use = ?, active = ?, updated_at = ?"
                    + " WHERE location_id = ? AND id = ?", values) == 0) {
                Sql.execute(db, "INSERT INTO sale_item (name, description, min_amount_minor, max_amount_minor, currency,"
                        + " validity_days, single_use, active, updated_at, location_id, id)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values);
            }
            return stored;
        });
    }

    @Override
    public List<SaleItem> items(String locationId) {
        return store.inTransaction(db -> Sql.list(db, ITEM + " WHERE location_id = ? ORDER BY id", SalesStore::item, locationId));
    }

    @Override
    public Optional<SaleItem> item(String locationId, String itemId) {
        return store.inTransaction(db -> Sql.first(db, ITEM + " WHERE location_id = ? AND id = ?", SalesStore::item,
                locationId, itemId));
    }

    private static SaleItem item(ResultSet rows) throws SQLException {
        Currency currency = Currency.getInstance(rows.getString(7));
        int validity = rows.getInt(8);
        Integer validityDays = rows.wasNull() ? null : validity;
        return new SaleItem(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
                new Money(rows.getLong(5), currency), new Money(rows.getLong(6), currency), validityDays,
                rows.getBoolean(9), rows.getBoolean(10));
    }

    // ---- gift cards ------------------------------------------------------------------------

    @Override
    public GiftCard issue(String locationId, String itemId, Money amount, String paymentId) {
        Optional<GiftCard> issued = giftCardOf(paymentId);
        if (issued.isPresent()) {
            return issued.get();
        }
        SaleItem item = item(locationId, itemId).orElseThrow(() ->
                TenderException.notFound("itemId", "no sale item '" + itemId + "' at this location"));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        GiftCard card = new GiftCard(newCode(), locationId, itemId, amount, amount, item.singleUse(),
                item.validityDays() == null ? null : now.plus(Duration.ofDays(item.validityDays())), paymentId, now);
        try {
            return store.inTransaction(db -> {
                Sql.execute(db, "INSERT INTO gift_card (code, location_id, item_id, initial_minor, balance_minor, currency,"
                        + " single_use, valid_until, payment_id, issued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", s -> {
                            s.setString(1, card.code());
                            s.setString(2, card.locationId());
                            s.setString(3, card.itemId());
                            s.setLong(4, amount.minorUnits());
                            s.setLong(5, amount.minorUnits());
                            s.setString(6, amount.currency().getCurrencyCode());
                            s.setBoolean(7, card.singleUse());
                            s.setTimestamp(8, card.validUntil() == null ? null : Timestamp.from(card.validUntil()));
                            s.setString(9, paymentId);
                            s.setTimestamp(10, Timestamp.from(now));
                        });
                movement(db, card.code(), "issued", amount.minorUnits(), amount.minorUnits(), null, now);
                return card;
            });
        } catch (StoreException e) {
            if (e.isDuplicateKey()) {
                return giftCardOf(paymentId).orElseThrow(() -> e); // issued concurrently for the same payment
            }
            throw e;
        }
    }

    /** Sixteen characters without look-alikes (no I, O, 0, 1), in groups of four: 80 random bits. */
    static String newCode() {
        StringBuilder code = new StringBuilder(19);
        for (int i = 0; i < 16; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(CODE_ALPHABET[RANDOM.nextInt(CODE_ALPHABET.length)]);
        }
        return code.toString();
    }

    @Override
    public Optional<GiftCard> giftCard(String code) {
        return store.inTransaction(db -> Sql.first(db, CARD + " WHERE code = ?", SalesStore::card, String.valueOf(code)));
    }

    @Override
    public Optional<GiftCard> giftCardOf(String paymentId) {
        return store.inTransaction(db -> Sql.first(db, CARD + " WHERE payment_id = ?", SalesStore::card, String.valueOf(paymentId)));
    }

    private static GiftCard card(ResultSet rows) throws SQLException {
        Currency currency = Currency.getInstance(rows.getString(6));
        Timestamp validUntil = rows.getTimestamp(8);
        return new GiftCard(rows.getString(1), rows.getString(2), rows.getString(3), new Money(rows.getLong(4), currency),
                new Money(rows.getLong(5), currency), rows.getBoolean(7), validUntil == null ? null : validUntil.toInstant(),
                rows.getString(9), rows.getTimestamp(10).toInstant());
    }

    @Override
    public GiftCard redeem(String code, String locationId, Money amount, String idempotencyKey) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 255)) {
            throw TenderException.invalid("idempotencyKey", "must be 1 to 255 characters");
        }
        if (amount == null || !amount.isPositive()) {
            throw TenderException.invalid("amount", "must be more than 0");
        }
        try {
            return store.inTransaction(db -> redeem(db, code, locationId, amount, idempotencyKey));
        } catch (StoreException e) {
            if (e.isDuplicateKey() && idempotencyKey != null) {
                return giftCard(code).orElseThrow(() -> e); // the same redemption, made concurrently
            }
            throw e;
        }
    }

    private GiftCard redeem(Connection db, String code, String locationId, Money amount, String key) throws SQLException {
        GiftCard card = Sql.first(db, CARD + " WHERE code = ? FOR UPDATE", SalesStore::card, String.valueOf(code))
                .orElseThrow(() -> TenderException.notFound("code", "no gift card with this code"));
        if (key != null) {
            Optional<Long> replayed = Sql.first(db, "SELECT amount_minor FROM gift_card_movement WHERE code = ? AND idempotency_key = ?",
                    rows -> rows.getLong(1), code, key);
            if (replayed.isPresent()) {
                if (replayed.get() != amount.minorUnits()) {
                    throw TenderException.conflict("idempotencyKey", "this idempotency key was used for another amount");
                }
                return card; // a replay
            }
        }
        // A card whose purchase was refunded is worth nothing (a separate query: nothing else is locked).
        boolean refunded = Sql.first(db, "SELECT status FROM payment WHERE id = ?", rows -> rows.getString(1), card.paymentId())
                .filter(status -> status.equals("REFUNDED") || status.equals("PARTIALLY_REFUNDED")).isPresent();
        if (refunded) {
            throw TenderException.conflict("code", "this gift card's purchase was refunded; it cannot be redeemed");
        }
        if (!card.locationId().equals(locationId)) {
            throw TenderException.invalid("locationId", "this gift card is redeemed only where it was bought");
        }
        if (card.validUntil() != null && !clock.instant().isBefore(card.validUntil())) {
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
        // A single-use card is used up by its one redemption, whatever is left.
        long balance = card.singleUse() ? 0 : card.balance().minorUnits() - amount.minorUnits();
        Sql.execute(db, "UPDATE gift_card SET balance_minor = ? WHERE code = ?", s -> {
            s.setLong(1, balance);
            s.setString(2, code);
        });
        movement(db, code, "redeemed", amount.minorUnits(), balance, key, clock.instant());
        return new GiftCard(card.code(), card.locationId(), card.itemId(), card.initial(),
                new Money(balance, card.balance().currency()), card.singleUse(), card.validUntil(), card.paymentId(),
                card.issuedAt());
    }

    private static void movement(Connection db, String code, String type, long amount, long balance, String key, Instant at)
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

    @Override
    public List<GiftCardMovement> movements(String code) {
        return store.inTransaction(db -> {
            GiftCard card = Sql.first(db, CARD + " WHERE code = ?", SalesStore::card, String.valueOf(code))
                    .orElseThrow(() -> TenderException.notFound("code", "no gift card with this code"));
            Currency currency = card.balance().currency();
            return Sql.list(db, "SELECT seq, code, type, amount_minor, balance_minor, at FROM gift_card_movement"
                    + " WHERE code = ? ORDER BY seq", rows -> new GiftCardMovement(rows.getLong(1), rows.getString(2),
                            rows.getString(3), new Money(rows.getLong(4), currency), new Money(rows.getLong(5), currency),
                            rows.getTimestamp(6).toInstant()), code);
        });
    }
}
