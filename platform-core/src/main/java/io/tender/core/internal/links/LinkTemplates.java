package io.tender.core.internal.links;

import io.tender.api.Location;
import io.tender.api.TenderException;
import io.tender.api.link.LinkItem;
import io.tender.api.link.LinkMessages;
import io.tender.api.link.LinkSettings;
import io.tender.api.link.PaymentLink;
import io.tender.core.internal.Fields;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Checks a location's message templates and fills them in for a link. */
final class LinkTemplates {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]*)}");
    private static final Set<String> KNOWN = Set.of("business", "amount", "items", "link", "expires");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm");

    private LinkTemplates() {
    }

    /** @return the settings, or why not, naming the field */
    static LinkSettings checked(LinkSettings s) {
        if (s.expiryHours() < 1 || s.expiryHours() > 2160) {
            throw TenderException.invalid("expiryHours", "must be 1 to 2160 hours (90 days)");
        }
        template("sms", s.sms(), 1000, true);
        template("emailSubject", s.emailSubject(), 500, false);
        template("emailBody", s.emailBody(), 4000, true);
        template("messenger", s.messenger(), 1000, true);
        return s;
    }

    private static void template(String field, String text, int max, boolean needsLink) {
        Fields.required(field, text, max);
        Matcher placeholders = PLACEHOLDER.matcher(text);
        while (placeholders.find()) {
            if (!KNOWN.contains(placeholders.group(1))) {
                throw TenderException.invalid(field, "unknown placeholder " + placeholders.group()
                        + "; use {business}, {amount}, {items}, {link} or {expires}");
            }
        }
        if (needsLink && !text.contains("{link}")) {
            throw TenderException.invalid(field, "must hold {link}, or the client cannot pay");
        }
    }

    static LinkMessages messages(PaymentLink link, Location location, LinkSettings templates) {
        String items = link.items().stream()
                .map(i -> i.quantity() > 1 ? i.quantity() + " x " + i.name() : i.name())
                .collect(Collectors.joining(", "));
        boolean deposit = !link.amount().equals(link.items().stream().map(LinkItem::total)
                .reduce((a, b) -> a.plus(b)).orElse(link.amount()));
        Map<String, String> values = Map.of(
                "business", location.name(),
                "amount", link.amount() + (deposit ? " (deposit)" : ""),
                "items", items,
                "link", link.url().toString(),
                "expires", WHEN.format(link.expiresAt().atZone(location.timeZone())) + " (" + location.timeZone().getId() + ")");
        return new LinkMessages(fill(templates.sms(), values), fill(templates.emailSubject(), values),
                fill(templates.emailBody(), values), fill(templates.messenger(), values), link.url().toString());
    }

    /** One pass over the template: a value that itself looks like a placeholder stays as it is. */
    private static String fill(String template, Map<String, String> values) {
        Matcher placeholders = PLACEHOLDER.matcher(template);
        StringBuilder text = new StringBuilder();
        while (placeholders.find()) {
            placeholders.appendReplacement(text, Matcher.quoteReplacement(
                    values.getOrDefault(placeholders.group(1), placeholders.group())));
        }
        return placeholders.appendTail(text).toString();
    }
}
