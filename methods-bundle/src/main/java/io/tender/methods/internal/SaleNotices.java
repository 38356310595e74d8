package io.tender.methods.internal;

import io.tender.api.Location;
import io.tender.api.SettingsService;
import io.tender.api.TenderException;
import io.tender.api.catalog.CatalogService;
import io.tender.api.catalog.Service;
import io.tender.api.mail.MailService;
import io.tender.api.sales.GiftCard;
import io.tender.api.sales.Membership;
import io.tender.api.sales.SaleItem;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Emails a buyer what they bought online: the gift card's code, or the membership's code and
 * visits. Queued once per code, so a repeated settlement sends nothing more; a location without
 * email settings, or a buyer without an address, gets the code on the result page only.
 */
@Component(service = SaleNotices.class)
public final class SaleNotices {

    private static final Logger LOG = LoggerFactory.getLogger(SaleNotices.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy");

    private final SettingsService settings;
    private final CatalogService catalog;

    /** Optional: without a mail implementation sales go on, and codes show on the result page only. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile MailService mail;

    @Activate
    public SaleNotices(@Reference SettingsService settings, @Reference CatalogService catalog) {
        this.settings = settings;
        this.catalog = catalog;
    }

    private String serviceName(String locationId, String serviceId) {
        return catalog.service(locationId, serviceId).map(Service::name).orElse(serviceId);
    }

    void giftCardIssued(SaleItem item, GiftCard card) {
        Location location = location(card.locationId());
        String validity = card.validUntil() == null ? "It does not expire."
                : "It is valid until " + day(card.validUntil(), location.timeZone()) + ".";
        String limits = card.services().isEmpty() ? "" : "\nIt pays for: " + card.services().stream()
                .map(id -> serviceName(card.locationId(), id)).collect(Collectors.joining(", ")) + ".";
        send(card.locationId(), "gift-card:" + card.code(), card.clientEmail(), "Your gift card from " + location.name(),
                "Hello,\n\nthank you for buying " + item.name() + " (" + card.initial() + ") from " + location.name()
                        + ".\n\nYour gift card code: " + card.code() + "\n\n" + validity + limits
                        + "\nShow the code when you pay at your visit.\n\n" + location.name());
    }

    void membershipIssued(SaleItem item, Membership membership) {
        Location location = location(membership.locationId());
        String visits = membership.allowances().stream()
                .map(a -> a.total() + (a.serviceId() == null ? " visits"
                        : " x " + serviceName(membership.locationId(), a.serviceId())))
                .collect(Collectors.joining(", "));
        String validity = membership.validUntil() == null
                ? "It is valid for " + membership.validityDays() + " days from your first visit."
                : "It is valid until " + day(membership.validUntil(), location.timeZone()) + ".";
        send(membership.locationId(), "membership:" + membership.code(), membership.clientEmail(),
                "Your membership at " + location.name(),
                "Hello,\n\nthank you for buying " + item.name() + " from " + location.name() + ".\n\nYour membership code: "
                        + membership.code() + "\nIt holds: " + visits + ".\n" + validity
                        + "\nShow the code at each visit.\n\n" + location.name());
    }

    private Location location(String locationId) {
        return settings.location(locationId).orElse(new Location(locationId, locationId));
    }

    private static String day(Instant instant, ZoneId zone) {
        // The last valid moment is the start of the next day; the client is told the day before it.
        return DAY.format(instant.minusMillis(1).atZone(zone));
    }

    private void send(String locationId, String key, String recipient, String subject, String text) {
        MailService mail = this.mail;
        if (recipient == null || mail == null || mail.settings(locationId).isEmpty()) {
            // debug: a sale with no address is usual, and a line per payment waits on the logger's lock
            LOG.debug("No email sent for {}: {}", key, recipient == null ? "the buyer gave no address"
                    : mail == null ? "no mail implementation is installed" : "location " + locationId + " has no email settings");
            return;
        }
        try {
            mail.queue(locationId, key, recipient, subject, text);
        } catch (TenderException e) {
            LOG.warn("Email for {} not queued: {}", key, e.getMessage());
        }
    }
}
