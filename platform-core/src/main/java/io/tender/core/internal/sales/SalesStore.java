package io.tender.core.internal.sales;

import io.tender.api.Location;
import io.tender.api.Money;
import io.tender.api.TenderException;
import io.tender.api.sales.GiftCard;
import io.tender.api.sales.GiftCardMovement;
import io.tender.api.sales.GiftCardTerms;
import io.tender.api.sales.Membership;
import io.tender.api.sales.Membership.Allowance;
import io.tender.api.sales.MembershipTerms;
import io.tender.api.sales.MembershipTerms.ValidFrom;
import io.tender.api.sales.MembershipVisit;
import io.tender.api.sales.SaleItem;
import io.tender.api.sales.SaleItemKind;
import io.tender.api.sales.SalesService;
import io.tender.core.internal.Fields;
import io.tender.core.internal.settings.SettingsRepository;
import io.tender.core.internal.store.RowVersion;
import io.tender.core.internal.store.Sql;
import io.tender.core.internal.store.TenderStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Sale items, gift cards and memberships, kept in the store. A balance or an allowance changes
 * only under its card's or membership's row lock, so concurrent redemptions and visits queue.
 */
@Component(service = SalesService.class)
public final class SalesStore implements SalesService {

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
        return saveItem(item, null);
    }

    @Override
    public SaleItem saveItem(SaleItem item, Long expectedVersion) {
        SaleItem stored = SaleItems.checked(item);
        return store.upsert(db -> {
            location(db, item.locationId(), "locationId");
            SaleItems.requireKnown(db, stored);
            // Compared under the row's lock, as other settings are: of two saves from one version, one wins.
            Optional<Long> current = RowVersion.lock(db, "SELECT version FROM sale_item WHERE location_id = ? AND id = ? FOR UPDATE",
                    stored.locationId(), stored.id());
            long next = RowVersion.next(current.orElse(0L), expectedVersion, "the sale item '" + stored.id() + "'");
            Instant now = clock.instant();
            if (current.isPresent()) {
                SaleItems.update(db, stored, now);
            } else {
                SaleItems.insert(db, stored, now);
            }
            Sql.execute(db, "UPDATE sale_item SET version = ? WHERE location_id = ? AND id = ?", s -> {
                s.setLong(1, next);
                s.setString(2, stored.locationId());
                s.setString(3, stored.id());
            });
            return stored;
        });
    }

    @Override
    public java.util.OptionalLong itemVersion(String locationId, String itemId) {
        return store.inTransaction(db -> Sql.first(db, "SELECT version FROM sale_item WHERE location_id = ? AND id = ?",
                rows -> rows.getLong(1), String.valueOf(locationId), String.valueOf(itemId)))
                .map(java.util.OptionalLong::of).orElse(java.util.OptionalLong.empty());
    }

    private Location location(Connection db, String locationId, String field) throws SQLException {
        return settings.location(db, String.valueOf(locationId))
                .orElseThrow(() -> TenderException.notFound(field, "no location '" + locationId + "'"));
    }

    @Override
    public List<SaleItem> items(String locationId) {
        return store.inTransaction(db -> SaleItems.of(db, locationId));
    }

    @Override
    public Optional<SaleItem> item(String locationId, String itemId) {
        return store.inTransaction(db -> SaleItems.find(db, locationId, itemId));
    }

    private SaleItem item(Connection db, String locationId, String itemId, SaleItemKind kind) throws SQLException {
        return SaleItems.find(db, locationId, itemId).filter(i -> i.kind() == kind).orElseThrow(() -> TenderException.notFound(
                "itemId", "no " + kind.name().toLowerCase().replace('_', ' ') + " '" + itemId + "' on sale at this location"));
    }

    // ---- gift cards ------------------------------------------------------------------------

    @Override
    public GiftCard issueGiftCard(String locationId, String itemId, Money amount, String paymentId, String clientEmail) {
        return store.upsert(db -> {
            Optional<GiftCard> issued = GiftCards.ofPayment(db, paymentId);
            if (issued.isPresent()) {
                return issued.get();
            }
            Location location = location(db, locationId, "locationId");
            GiftCardTerms terms = item(db, locationId, itemId, SaleItemKind.GIFT_CARD).giftCard();
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            Instant validUntil = terms.validityDays() != null ? now.plus(Duration.ofDays(terms.validityDays()))
                    : terms.validUntil() != null ? SaleItems.endOf(terms.validUntil(), location.timeZone()) : null;
            GiftCard card = new GiftCard(Codes.next(), locationId, itemId, amount, amount, terms.singleUse(), validUntil,
                    terms.locations(), terms.services(), clientEmail, paymentId, now);
            GiftCards.insert(db, card);
            return card;
        }); // run again after a concurrent issue for the same payment, it returns that one's card
    }

    @Override
    public Optional<GiftCard> giftCard(String code) {
        return store.inTransaction(db -> GiftCards.find(db, code));
    }

    @Override
    public Optional<GiftCard> giftCardOf(String paymentId) {
        return store.inTransaction(db -> GiftCards.ofPayment(db, paymentId));
    }

    @Override
    public GiftCard redeem(String code, String locationId, String serviceId, Money amount, String idempotencyKey) {
        Fields.idempotencyKey(idempotencyKey);
        Fields.id("locationId", locationId);
        if (amount == null || !amount.isPositive()) {
            throw TenderException.invalid("amount", "must be more than 0");
        }
        // Run again after the same redemption made concurrently, it finds the key and replays.
        return store.upsert(db -> redeem(db, code, locationId, serviceId, amount, idempotencyKey));
    }

    private GiftCard redeem(Connection db, String code, String locationId, String serviceId, Money amount, String key)
            throws SQLException {
        GiftCard card = GiftCards.lock(db, code).orElseThrow(() -> TenderException.notFound("code", "no gift card with this code"));
        // First where: a location the card is not valid at learns nothing more of it, not even from a replay.
        GiftCards.checkLocation(card, locationId);
        if (key != null) {
            Optional<Long> replayed = GiftCards.replayed(db, code, key);
            if (replayed.isPresent()) {
                if (replayed.get() != amount.minorUnits()) {
                    throw TenderException.keyReused("this idempotency key was used for another amount");
                }
                return card; // a replay
            }
        }
        if (refunded(db, card.paymentId())) {
            throw TenderException.conflict("code", "this gift card's purchase was refunded; it cannot be redeemed");
        }
        GiftCards.checkRedeemable(card, locationId, serviceId, amount, clock.instant());
        // A single-use card is used up by its one redemption, whatever is left.
        long balance = card.singleUse() ? 0 : card.balance().minorUnits() - amount.minorUnits();
        GiftCards.setBalance(db, code, balance);
        GiftCards.movement(db, code, "redeemed", amount.minorUnits(), balance, key, clock.instant());
        return GiftCards.find(db, code).orElseThrow();
    }

    /** A card or membership whose purchase was refunded is worth nothing. */
    private static boolean refunded(Connection db, String paymentId) throws SQLException {
        return Sql.first(db, "SELECT status FROM payment WHERE id = ?", rows -> rows.getString(1), paymentId)
                .filter(status -> status.equals("REFUNDED") || status.equals("PARTIALLY_REFUNDED")).isPresent();
    }

    @Override
    public List<GiftCardMovement> movements(String code) {
        return store.inTransaction(db -> GiftCards.movements(db, GiftCards.find(db, code)
                .orElseThrow(() -> TenderException.notFound("code", "no gift card with this code"))));
    }

    // ---- memberships -------------------------------------------------------------------------

    @Override
    public Membership issueMembership(String locationId, String itemId, String paymentId, String clientEmail) {
        return store.upsert(db -> {
            Optional<Membership> issued = Memberships.ofPayment(db, paymentId);
            if (issued.isPresent()) {
                return issued.get();
            }
            location(db, locationId, "locationId");
            MembershipTerms terms = item(db, locationId, itemId, SaleItemKind.MEMBERSHIP).membership();
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            List<Allowance> allowances = new ArrayList<>();
            if (terms.visits() != null) {
                allowances.add(new Allowance(null, terms.visits(), terms.visits()));
            }
            terms.serviceVisits().forEach((service, visits) -> allowances.add(new Allowance(service, visits, visits)));
            boolean fromPurchase = terms.validFrom() == ValidFrom.PURCHASE;
            Membership membership = new Membership(Codes.next(), locationId, itemId, clientEmail, allowances, terms.services(),
                    terms.locations(), terms.validityDays(), terms.validFrom(), fromPurchase ? now : null,
                    fromPurchase ? now.plus(Duration.ofDays(terms.validityDays())) : null, paymentId, now);
            Memberships.insert(db, membership);
            return Memberships.find(db, membership.code()).orElseThrow();
        }); // run again after a concurrent issue for the same payment, it returns that one's membership
    }

    @Override
    public Optional<Membership> membership(String code) {
        return store.inTransaction(db -> Memberships.find(db, code));
    }

    @Override
    public Optional<Membership> membershipOf(String paymentId) {
        return store.inTransaction(db -> Memberships.ofPayment(db, paymentId));
    }

    @Override
    public Membership useVisit(String code, String locationId, String serviceId, String idempotencyKey) {
        Fields.idempotencyKey(idempotencyKey);
        Fields.id("locationId", locationId);
        Fields.id("serviceId", serviceId);
        // Run again after the same visit recorded concurrently, it finds the key and replays.
        return store.upsert(db -> useVisit(db, code, locationId, serviceId, idempotencyKey));
    }

    private Membership useVisit(Connection db, String code, String locationId, String serviceId, String key)
            throws SQLException {
        Membership m = Memberships.lock(db, code).orElseThrow(() -> TenderException.notFound("code", "no membership with this code"));
        if (key != null) {
            Optional<MembershipVisit> replayed = Memberships.replayed(db, code, key);
            if (replayed.isPresent()) {
                if (!replayed.get().serviceId().equals(serviceId) || !replayed.get().locationId().equals(locationId)) {
                    throw TenderException.keyReused("this idempotency key was used for another visit");
                }
                return m; // a replay
            }
        }
        if (refunded(db, m.paymentId())) {
            throw TenderException.conflict("code", "this membership's purchase was refunded; it cannot be used");
        }
        if (!m.validAt(locationId)) {
            throw TenderException.invalid("locationId", "this membership is not valid at location '" + locationId + "'");
        }
        Allowance allowance = Memberships.allowanceFor(m, serviceId);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (m.validUntil() != null && !now.isBefore(m.validUntil())) {
            throw TenderException.conflict("code", "this membership expired on " + m.validUntil());
        }
        if (allowance.remaining() == 0) {
            throw TenderException.conflict("code", "no visits are left"
                    + (allowance.serviceId() == null ? "" : " for service '" + serviceId + "'"));
        }
        if (m.startsAt() == null) {
            Memberships.start(db, code, now, now.plus(Duration.ofDays(m.validityDays())));
        }
        Memberships.useVisit(db, m, allowance, locationId, serviceId, key, now);
        return Memberships.find(db, code).orElseThrow();
    }

    @Override
    public List<MembershipVisit> visits(String code) {
        return store.inTransaction(db -> {
            Memberships.find(db, code).orElseThrow(() -> TenderException.notFound("code", "no membership with this code"));
            return Memberships.visits(db, code);
        });
    }
}
