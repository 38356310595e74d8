package io.tender.core.internal.sales;

import io.tender.api.Money;
import io.tender.api.TenderException;
import io.tender.api.sales.GiftCardTerms;
import io.tender.api.sales.MembershipTerms;
import io.tender.api.sales.SaleItem;
import io.tender.api.sales.SaleItemKind;
import io.tender.core.internal.Fields;
import io.tender.core.internal.store.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Checks sale items and keeps them. Callers own the transaction. */
final class SaleItems {

    private static final int MAX_DAYS = 3660;
    private static final int MAX_VISITS = 1000;
    private static final String SELECT = "SELECT location_id, id, kind, name, description, min_amount_minor, max_amount_minor,"
            + " currency, active, validity_days, valid_until, single_use, locations, services, visits, service_visits,"
            + " valid_from FROM sale_item";

    private SaleItems() {
    }

    /** @return the item as it is stored: names stripped, a fixed price's maximum filled in, terms checked */
    static SaleItem checked(SaleItem item) {
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
        SaleItemKind kind = item.kind() == null ? SaleItemKind.GIFT_CARD : item.kind();
        GiftCardTerms giftCard = null;
        MembershipTerms membership = null;
        if (kind == SaleItemKind.GIFT_CARD) {
            if (item.membership() != null) {
                throw TenderException.invalid("membership", "is for memberships; this item is a gift card");
            }
            giftCard = item.giftCard() == null ? GiftCardTerms.open() : item.giftCard();
            days("giftCard.validityDays", giftCard.validityDays());
            if (giftCard.validityDays() != null && giftCard.validUntil() != null) {
                throw TenderException.invalid("giftCard.validUntil", "a card is valid for a number of days or until a date, not both");
            }
            ids("giftCard.locations", giftCard.locations());
            ids("giftCard.services", giftCard.services());
        } else {
            if (item.giftCard() != null) {
                throw TenderException.invalid("giftCard", "is for gift cards; this item is a membership");
            }
            if (!max.equals(item.minAmount())) {
                throw TenderException.invalid("maxPrice", "a membership has one price");
            }
            membership = item.membership();
            if (membership == null) {
                throw TenderException.invalid("membership", "is required: the visits and how long they are valid");
            }
            if ((membership.visits() == null) == membership.serviceVisits().isEmpty()) {
                throw TenderException.invalid("membership.visits", "give either pooled visits or visits per service");
            }
            if (membership.visits() != null && (membership.visits() < 1 || membership.visits() > MAX_VISITS)) {
                throw TenderException.invalid("membership.visits", "must be 1 to " + MAX_VISITS);
            }
            membership.serviceVisits().forEach((service, visits) -> {
                Fields.id("membership.serviceVisits", service);
                if (visits == null || visits < 1 || visits > MAX_VISITS) {
                    throw TenderException.invalid("membership.serviceVisits." + service, "must be 1 to " + MAX_VISITS);
                }
            });
            if (!membership.serviceVisits().isEmpty() && !membership.services().isEmpty()) {
                throw TenderException.invalid("membership.services", "limits pooled visits; visits per service name theirs");
            }
            if (membership.validityDays() < 1 || membership.validityDays() > MAX_DAYS) {
                throw TenderException.invalid("membership.validityDays", "must be 1 to " + MAX_DAYS + " days");
            }
            ids("membership.locations", membership.locations());
            ids("membership.services", membership.services());
        }
        return new SaleItem(item.locationId(), item.id(), kind, item.name().strip(), item.description(), item.minAmount(), max,
                item.active(), giftCard, membership);
    }

    private static void days(String field, Integer days) {
        if (days != null && (days < 1 || days > MAX_DAYS)) {
            throw TenderException.invalid(field, "must be 1 to " + MAX_DAYS + " days");
        }
    }

    private static void ids(String field, List<String> ids) {
        if (ids.size() > 50) {
            throw TenderException.invalid(field, "at most 50");
        }
        ids.forEach(id -> Fields.id(field, id));
    }

    /** Refuses an item whose terms name a location or a service that does not exist. */
    static void requireKnown(Connection db, SaleItem item) throws SQLException {
        List<String> locations = item.giftCard() != null ? item.giftCard().locations() : item.membership().locations();
        for (String location : locations) {
            if (Sql.first(db, "SELECT id FROM location WHERE id = ?", rows -> rows.getString(1), location).isEmpty()) {
                throw TenderException.invalid(field(item, "locations"), "no location '" + location + "'");
            }
        }
        List<String> services = item.giftCard() != null ? item.giftCard().services()
                : item.membership().serviceVisits().isEmpty() ? item.membership().services()
                : List.copyOf(item.membership().serviceVisits().keySet());
        for (String service : services) {
            if (Sql.first(db, "SELECT id FROM catalog_service WHERE location_id = ? AND id = ?", rows -> rows.getString(1),
                    item.locationId(), service).isEmpty()) {
                throw TenderException.invalid(field(item, item.membership() != null && !item.membership().serviceVisits().isEmpty()
                        ? "serviceVisits" : "services"), "no service '" + service + "' at this location");
            }
        }
    }

    private static String field(SaleItem item, String name) {
        return (item.kind() == SaleItemKind.GIFT_CARD ? "giftCard." : "membership.") + name;
    }

    /** Writes the item over its stored version. @return false if there is none */
    static boolean update(Connection db, SaleItem item, Instant now) throws SQLException {
        return Sql.execute(db, "UPDATE sale_item SET kind = ?, name = ?, description = ?, min_amount_minor = ?,"
                + " max_amount_minor = ?, currency = ?, active = ?, validity_days = ?, valid_until = ?, single_use = ?,"
                + " locations = ?, services = ?, visits = ?, service_visits = ?, valid_from = ?, updated_at = ?"
                + " WHERE location_id = ? AND id = ?", s -> bind(s, item, now)) == 1;
    }

    static void insert(Connection db, SaleItem item, Instant now) throws SQLException {
        Sql.execute(db, "INSERT INTO sale_item (kind, name, description, min_amount_minor, max_amount_minor, currency, active,"
                + " validity_days, valid_until, single_use, locations, services, visits, service_visits, valid_from,"
                + " updated_at, location_id, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                s -> bind(s, item, now));
    }

    private static void bind(PreparedStatement s, SaleItem item, Instant now) throws SQLException {
        GiftCardTerms card = item.giftCard();
        MembershipTerms membership = item.membership();
        s.setString(1, item.kind().name());
        s.setString(2, item.name());
        s.setString(3, item.description());
        s.setLong(4, item.minAmount().minorUnits());
        s.setLong(5, item.maxAmount().minorUnits());
        s.setString(6, item.minAmount().currency().getCurrencyCode());
        s.setBoolean(7, item.active());
        Integer days = card != null ? card.validityDays() : Integer.valueOf(membership.validityDays());
        if (days == null) {
            s.setNull(8, Types.INTEGER);
        } else {
            s.setInt(8, days);
        }
        s.setDate(9, card == null || card.validUntil() == null ? null : Date.valueOf(card.validUntil()));
        s.setBoolean(10, card != null && card.singleUse());
        s.setString(11, IdLists.join(card != null ? card.locations() : membership.locations()));
        s.setString(12, IdLists.join(card != null ? card.services() : membership.services()));
        if (membership == null || membership.visits() == null) {
            s.setNull(13, Types.INTEGER);
        } else {
            s.setInt(13, membership.visits());
        }
        s.setString(14, membership == null ? "" : IdLists.joinCounts(membership.serviceVisits()));
        s.setString(15, membership == null ? null : membership.validFrom().name());
        s.setTimestamp(16, Timestamp.from(now));
        s.setString(17, item.locationId());
        s.setString(18, item.id());
    }

    static List<SaleItem> of(Connection db, String locationId) throws SQLException {
        return Sql.list(db, SELECT + " WHERE location_id = ? ORDER BY id", SaleItems::item, locationId);
    }

    static Optional<SaleItem> find(Connection db, String locationId, String itemId) throws SQLException {
        return Sql.first(db, SELECT + " WHERE location_id = ? AND id = ?", SaleItems::item, locationId, itemId);
    }

    private static SaleItem item(ResultSet rows) throws SQLException {
        Currency currency = Currency.getInstance(rows.getString(8));
        SaleItemKind kind = SaleItemKind.valueOf(rows.getString(3));
        int validity = rows.getInt(10);
        Integer validityDays = rows.wasNull() ? null : validity;
        Date validUntil = rows.getDate(11);
        List<String> locations = IdLists.split(rows.getString(13));
        List<String> services = IdLists.split(rows.getString(14));
        int pooled = rows.getInt(15);
        Integer visits = rows.wasNull() ? null : pooled;
        Map<String, Integer> serviceVisits = IdLists.splitCounts(rows.getString(16));
        GiftCardTerms card = kind == SaleItemKind.GIFT_CARD ? new GiftCardTerms(validityDays,
                validUntil == null ? null : validUntil.toLocalDate(), rows.getBoolean(12), locations, services) : null;
        MembershipTerms membership = kind == SaleItemKind.MEMBERSHIP ? new MembershipTerms(visits, serviceVisits, services,
                validityDays, MembershipTerms.ValidFrom.valueOf(rows.getString(17)), locations) : null;
        return new SaleItem(rows.getString(1), rows.getString(2), kind, rows.getString(4), rows.getString(5),
                new Money(rows.getLong(6), currency), new Money(rows.getLong(7), currency), rows.getBoolean(9), card, membership);
    }

    /** @return the end of a date in the zone: a card valid until 31 December is valid through that day */
    static Instant endOf(LocalDate date, ZoneId zone) {
        return date.plusDays(1).atStartOfDay(zone).toInstant();
    }
}
