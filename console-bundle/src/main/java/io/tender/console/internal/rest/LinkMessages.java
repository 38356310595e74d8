package io.tender.console.internal.rest;

import io.tender.api.Location;
import io.tender.api.link.LinkItem;
import io.tender.api.link.PaymentLink;
import java.time.format.DateTimeFormatter;
import java.util.stream.Collectors;

/**
 * Ready texts that carry a payment link to the client, in the channel's own shape: short for SMS,
 * a subject and a body for email, friendly for messengers, and the bare address to copy.
 *
 * @param sms          one SMS
 * @param emailSubject the email's subject
 * @param emailBody    the email's text
 * @param messenger    a messenger message
 * @param copy         the address alone
 */
public record LinkMessages(String sms, String emailSubject, String emailBody, String messenger, String copy) {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm");

    static LinkMessages of(PaymentLink link, Location location, String url) {
        String merchant = location.name();
        String what = link.items().stream()
                .map(i -> i.quantity() > 1 ? i.quantity() + " x " + i.name() : i.name())
                .collect(Collectors.joining(", "));
        String amount = link.amount().toString();
        boolean partial = !link.amount().equals(link.items().stream().map(LinkItem::total)
                .reduce((a, b) -> a.plus(b)).orElse(link.amount()));
        String due = partial ? amount + " (deposit)" : amount;
        return new LinkMessages(
                merchant + ": please pay " + due + " for " + what + ": " + url,
                "Payment request from " + merchant,
                "Hello,\n\n" + merchant + " asks you to pay " + due + " for " + what + ".\n\nPay securely here: " + url
                        + "\n\nThe link can be used until " + WHEN.format(link.expiresAt().atZone(location.timeZone())) + " ("
                        + location.timeZone().getId() + ").\n\nThank you,\n" + merchant,
                "Hi! " + merchant + " sends you a payment link for " + what + " (" + due + "): " + url,
                url);
    }
}
