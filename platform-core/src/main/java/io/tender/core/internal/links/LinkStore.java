package io.tender.core.internal.links;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tender.api.Money;
import io.tender.api.TenderException;
import io.tender.api.catalog.Booking;
import io.tender.api.catalog.Service;
import io.tender.api.link.LinkItem;
import io.tender.api.link.LinkMessages;
import io.tender.api.link.LinkSettings;
import io.tender.api.link.LinkStatus;
import io.tender.api.link.NewPaymentLink;
import io.tender.api.link.PaymentLink;
import io.tender.api.link.PaymentLinkService;
import io.tender.core.internal.Fields;
import io.tender.core.internal.Fingerprint;
import io.tender.core.internal.Ids;
import io.tender.core.internal.PublicAddress;
import io.tender.core.internal.catalog.CatalogQueries;
import io.tender.core.internal.settings.SettingsRepository;
import io.tender.core.internal.store.RowVersion;
import io.tender.core.internal.store.Sql;
import io.tender.core.internal.store.TenderStore;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Payment links, kept in the store. Shares the payments' configuration for Tender's public address. */
@Component(service = PaymentLinkService.class, configurationPid = "io.tender.payments")
public final class LinkStore implements PaymentLinkService {

    /** The part of {@code io.tender.payments} that links need. */
    public @interface Config {
        String publicBaseUrl() default "";
    }

    /** A link for a visit: its reference is the booking. */
    static final String VISIT = "visit";
    static final Duration LONGEST_LIFETIME = Duration.ofDays(90);
    /** With at most 999 of each of 100 items, totals stay far inside a long. */
    static final long MAX_UNIT_PRICE = 100_000_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Map<String, Object>>> ITEMS = new TypeReference<>() {};
    private static final String COLUMNS = "token, location_id, purpose, reference, items, amount_minor, currency, status,"
            + " expires_at, payment_id, created_at";

    private final TenderStore store;
    private final URI publicBaseUrl;
    private final Clock clock;
    private final SettingsRepository settings = new SettingsRepository();

    @Activate
    public LinkStore(Config config, @Reference TenderStore store, BundleContext context) {
        this(store, PublicAddress.base(config.publicBaseUrl(), context), Clock.systemUTC());
    }

    public LinkStore(TenderStore store, URI publicBaseUrl, Clock clock) {
        this.store = store;
        this.publicBaseUrl = publicBaseUrl;
        this.clock = clock;
    }

    private URI url(String token) {
        return PublicAddress.under(publicBaseUrl, "/pay/link/" + token);
    }

    @Override
    public PaymentLink create(NewPaymentLink request, String idempotencyKey) {
        Fields.idempotencyKey(idempotencyKey);
        List<Object> parts = new java.util.ArrayList<>(java.util.Arrays.asList(request.purpose(), request.reference(),
                request.amount() == null ? null : request.amount().minorUnits() + request.amount().currency().getCurrencyCode(),
                request.expiresIn() == null ? null : request.expiresIn().toSeconds()));
        if (request.items() != null) {
            for (LinkItem item : request.items()) {
                parts.add(item == null ? null : item.name());
                parts.add(item == null ? null : item.quantity() + "x" + (item.unitPrice() == null ? ""
                        : item.unitPrice().minorUnits() + item.unitPrice().currency().getCurrencyCode()));
            }
        }
        String fingerprint = Fingerprint.of(parts.toArray());
        // Run again after the same key created concurrently, create() finds it and replays (or refuses).
        return store.upsert(db -> create(db, request, idempotencyKey, fingerprint));
    }

    /** @return the link created earlier with the key, if any; CONFLICT if it asked for something else */
    private Optional<PaymentLink> replay(Connection db, String locationId, String key, String fingerprint) throws SQLException {
        Optional<String> stored = Sql.first(db, "SELECT request_fingerprint FROM payment_link WHERE location_id = ?"
                + " AND idempotency_key = ?", rows -> rows.getString(1), locationId, key);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        if (!stored.get().equals(fingerprint)) {
            throw TenderException.keyReused("this idempotency key was used for another link");
        }
        return Sql.first(db, "SELECT " + COLUMNS + " FROM payment_link WHERE location_id = ? AND idempotency_key = ?",
                this::link, locationId, key);
    }

    private PaymentLink create(Connection db, NewPaymentLink request, String idempotencyKey, String fingerprint)
            throws SQLException {
        if (!VISIT.equals(request.purpose()) && !"goods".equals(request.purpose())) {
            throw TenderException.invalid("purpose", "must be 'visit' or 'goods'");
        }
        Fields.required("reference", request.reference(), 200);
        if (request.expiresIn() != null && (request.expiresIn().isNegative() || request.expiresIn().isZero()
                || request.expiresIn().compareTo(LONGEST_LIFETIME) > 0)) {
            throw TenderException.invalid("expiresIn", "must be more than 0 and at most 90 days");
        }
        if (request.locationId() == null || settings.location(db, request.locationId()).isEmpty()) {
            throw TenderException.notFound("locationId", "no location '" + request.locationId() + "'");
        }
        if (idempotencyKey != null) {
            Optional<PaymentLink> replayed = replay(db, request.locationId(), idempotencyKey, fingerprint);
            if (replayed.isPresent()) {
                return replayed.get();
            }
        }
        Duration lifetime = request.expiresIn() != null ? request.expiresIn()
                : Duration.ofHours(linkSettings(db, request.locationId()).expiryHours());
        List<LinkItem> items = request.items() == null || request.items().isEmpty()
                ? itemsOfVisit(db, request) : request.items();
        Money total = total(items);
        if (VISIT.equals(request.purpose())) {
            requireVisit(db, request, total);
        }
        Money amount = request.amount() == null ? total : request.amount();
        if (!amount.currency().equals(total.currency())) {
            throw TenderException.invalid("amount", "must be in " + total.currency().getCurrencyCode() + ", like the items");
        }
        if (!amount.isPositive() || amount.compareTo(total) > 0) {
            throw TenderException.invalid("amount", "must be more than 0 and at most the total, " + total);
        }
        // Milliseconds: what every store keeps, so the link returned equals the link read back.
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        String token = Ids.next("lnk");
        PaymentLink link = new PaymentLink(token, url(token), request.locationId(), request.purpose(), request.reference(),
                items, amount, LinkStatus.OPEN, now.plus(lifetime), null, now);
        Sql.execute(db, "INSERT INTO payment_link (" + COLUMNS + ", idempotency_key, request_fingerprint)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", insert -> {
            insert.setString(1, link.token());
            insert.setString(2, link.locationId());
            insert.setString(3, link.purpose());
            insert.setString(4, link.reference());
            insert.setString(5, writeItems(items));
            insert.setLong(6, amount.minorUnits());
            insert.setString(7, amount.currency().getCurrencyCode());
            insert.setString(8, LinkStatus.OPEN.name());
            insert.setTimestamp(9, Timestamp.from(link.expiresAt()));
            insert.setString(10, null);
            insert.setTimestamp(11, Timestamp.from(now));
            insert.setString(12, idempotencyKey);
            insert.setString(13, idempotencyKey == null ? null : fingerprint);
        });
        return link;
    }

    /** A visit's link is for a booking of the location, in the booked service's currency. */
    private static void requireVisit(Connection db, NewPaymentLink request, Money total) throws SQLException {
        Booking booking = CatalogQueries.booking(db, request.locationId(), request.reference()).orElseThrow(() ->
                TenderException.notFound("reference", "no booking '" + request.reference() + "' at this location"));
        Service service = CatalogQueries.service(db, booking.locationId(), booking.serviceId()).orElseThrow();
        if (!service.minPrice().currency().equals(total.currency())) {
            throw TenderException.invalid("currency", "the visit is priced in " + service.minPrice().currency().getCurrencyCode());
        }
    }

    /** A visit's link without items asks for the booked service's price (the lowest, for a range). */
    private static List<LinkItem> itemsOfVisit(Connection db, NewPaymentLink request) throws SQLException {
        if (!VISIT.equals(request.purpose())) {
            throw TenderException.invalid("items", "a link for goods needs at least one item");
        }
        Booking booking = CatalogQueries.booking(db, request.locationId(), request.reference()).orElseThrow(() ->
                TenderException.notFound("reference", "no booking '" + request.reference() + "' at this location"));
        Service service = CatalogQueries.service(db, booking.locationId(), booking.serviceId()).orElseThrow();
        return List.of(new LinkItem(service.name(), 1, service.minPrice()));
    }

    private static Money total(List<LinkItem> items) {
        if (items.size() > 100) {
            throw TenderException.invalid("items", "at most 100 items");
        }
        Money total = null;
        for (int i = 0; i < items.size(); i++) {
            LinkItem item = items.get(i);
            String field = "items[" + i + "]";
            Fields.required(field + ".name", item.name(), 200);
            if (item.quantity() < 1 || item.quantity() > 999) {
                throw TenderException.invalid(field + ".quantity", "must be 1 to 999");
            }
            if (item.unitPrice() == null || !item.unitPrice().isPositive() || item.unitPrice().minorUnits() > MAX_UNIT_PRICE) {
                throw TenderException.invalid(field + ".unitPrice", "must be more than 0 and at most " + MAX_UNIT_PRICE
                        + " minor units");
            }
            if (total != null && !total.currency().equals(item.unitPrice().currency())) {
                throw TenderException.invalid(field + ".unitPrice", "all items must be in one currency");
            }
            total = total == null ? item.total() : total.plus(item.total());
        }
        return total;
    }

    @Override
    public Optional<PaymentLink> find(String token) {
        return store.inTransaction(db -> Sql.first(db, "SELECT " + COLUMNS + " FROM payment_link WHERE token = ?",
                this::link, String.valueOf(token)));
    }

    @Override
    public List<PaymentLink> links(String locationId) {
        return store.inTransaction(db -> Sql.list(db, "SELECT " + COLUMNS
                + " FROM payment_link WHERE location_id = ? ORDER BY created_at DESC, token", this::link, locationId));
    }

    @Override
    public PaymentLink cancel(String token) {
        return store.inTransaction(db -> {
            PaymentLink link = Sql.first(db, "SELECT " + COLUMNS + " FROM payment_link WHERE token = ?", this::link, token)
                    .orElseThrow(() -> TenderException.notFound("token", "no payment link '" + token + "'"));
            if (link.status() != LinkStatus.OPEN) {
                throw TenderException.conflict("token", "the link is " + link.status() + " and can no longer be cancelled");
            }
            if (Sql.execute(db, "UPDATE payment_link SET status = 'CANCELLED' WHERE token = ? AND status = 'OPEN'",
                    update -> update.setString(1, token)) == 0) {
                throw TenderException.conflict("token", "the link was paid or changed meanwhile; it was not cancelled");
            }
            return new PaymentLink(link.token(), link.url(), link.locationId(), link.purpose(), link.reference(), link.items(),
                    link.amount(), LinkStatus.CANCELLED, link.expiresAt(), null, link.createdAt());
        });
    }

    @Override
    public Optional<PaymentLink> markPaid(String token, String paymentId) {
        return store.inTransaction(db -> {
            int changed = Sql.execute(db, "UPDATE payment_link SET status = 'PAID', payment_id = ?"
                    + " WHERE token = ? AND status = 'OPEN'", update -> {
                        update.setString(1, paymentId);
                        update.setString(2, token);
                    });
            if (changed == 0) {
                return Optional.<PaymentLink>empty();
            }
            PaymentLink paid = Sql.first(db, "SELECT " + COLUMNS + " FROM payment_link WHERE token = ?", this::link, token)
                    .orElseThrow();
            if (VISIT.equals(paid.purpose())) {
                // In the same transaction: a visit paid by link always shows the payment.
                CatalogQueries.recordPayment(db, paid.locationId(), paid.reference(), paymentId, paid.amount(), clock.instant());
            }
            return Optional.of(paid);
        });
    }

    /** A stored link; an open one whose time ran out reads as EXPIRED. */
    private PaymentLink link(ResultSet rows) throws SQLException {
        Currency currency = Currency.getInstance(rows.getString(7));
        LinkStatus status = LinkStatus.valueOf(rows.getString(8));
        Instant expiresAt = rows.getTimestamp(9).toInstant();
        if (status == LinkStatus.OPEN && !clock.instant().isBefore(expiresAt)) {
            status = LinkStatus.EXPIRED;
        }
        return new PaymentLink(rows.getString(1), url(rows.getString(1)), rows.getString(2), rows.getString(3), rows.getString(4),
                readItems(rows.getString(5), currency), new Money(rows.getLong(6), currency), status, expiresAt,
                rows.getString(10), rows.getTimestamp(11).toInstant());
    }

    private static String writeItems(List<LinkItem> items) {
        try {
            return JSON.writeValueAsString(items.stream().map(i -> Map.of("name", i.name(), "quantity", i.quantity(),
                    "unitPrice", i.unitPrice().minorUnits())).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<LinkItem> readItems(String json, Currency currency) {
        try {
            return JSON.readValue(json, ITEMS).stream().map(i -> new LinkItem((String) i.get("name"),
                    ((Number) i.get("quantity")).intValue(), new Money(((Number) i.get("unitPrice")).longValue(), currency)))
                    .toList();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored link items are not JSON", e);
        }
    }

    // ---- settings and messages ---------------------------------------------------------------

    private static LinkSettings linkSettings(Connection db, String locationId) throws SQLException {
        return Sql.first(db, "SELECT expiry_hours, sms, email_subject, email_body, messenger, version FROM link_settings"
                + " WHERE location_id = ?", rows -> new LinkSettings(rows.getInt(1), rows.getString(2), rows.getString(3),
                        rows.getString(4), rows.getString(5), rows.getLong(6)), locationId).orElse(LinkSettings.defaults());
    }

    @Override
    public LinkSettings settings(String locationId) {
        return store.inTransaction(db -> {
            requireLocation(db, locationId);
            return linkSettings(db, locationId);
        });
    }

    private void requireLocation(Connection db, String locationId) throws SQLException {
        if (locationId == null || settings.location(db, locationId).isEmpty()) {
            throw TenderException.notFound("locationId", "no location '" + locationId + "'");
        }
    }

    @Override
    public LinkSettings configure(String locationId, LinkSettings requested, Long expectedVersion) {
        LinkSettings checked = LinkTemplates.checked(requested);
        return store.upsert(db -> {
            requireLocation(db, locationId);
            // Compared under the row's lock, as method settings are: of two saves from one version, one wins.
            Optional<Long> stored = RowVersion.lock(db, "SELECT version FROM link_settings WHERE location_id = ? FOR UPDATE",
                    locationId);
            long next = RowVersion.next(stored.orElse(0L), expectedVersion, "the link settings");
            Sql.Binder values = s -> {
                s.setInt(1, checked.expiryHours());
                s.setString(2, checked.sms());
                s.setString(3, checked.emailSubject());
                s.setString(4, checked.emailBody());
                s.setString(5, checked.messenger());
                s.setTimestamp(6, Timestamp.from(clock.instant()));
                s.setLong(7, next);
                s.setString(8, locationId);
            };
            if (stored.isPresent()) {
                Sql.execute(db, "UPDATE link_settings SET expiry_hours = ?, sms = ?, email_subject = ?, email_body = ?,"
                        + " messenger = ?, updated_at = ?, version = ? WHERE location_id = ?", values);
            } else {
                Sql.execute(db, "INSERT INTO link_settings (expiry_hours, sms, email_subject, email_body, messenger,"
                        + " updated_at, version, location_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", values);
            }
            return new LinkSettings(checked.expiryHours(), checked.sms(), checked.emailSubject(), checked.emailBody(),
                    checked.messenger(), next);
        });
    }

    @Override
    public LinkMessages messages(String token) {
        PaymentLink link = find(token).orElseThrow(() -> TenderException.notFound("token", "no payment link '" + token + "'"));
        return store.inTransaction(db -> LinkTemplates.messages(link,
                settings.location(db, link.locationId()).orElseThrow(), linkSettings(db, link.locationId())));
    }
}
